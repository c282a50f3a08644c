/**
 * The answers API Gateway gives itself, before or instead of a Lambda (unknown route, throttling,
 * integration timeout...), shaped like the middleware's JSON contract
 * `{"error","message","traceId","requestId"}` so a client parses one error format only.
 *
 * Gateway response templates only substitute `$context` / `$stageVariables` variables; they are
 * not run as VTL, so there are no conditionals: a missing trace id is `""`, not `null`.
 * `requestId` is `$context.extendedRequestId`, API Gateway's own id of the request (the Lambda
 * never answered these), which is also the `requestId` of the access log line. Not
 * `$context.requestId`: a caller can set that one with an `x-amzn-RequestId` header.
 *
 * Header mappings of gateway responses accept only static values and method request
 * parameters, not `$context` variables, so `X-Trace-Id` / `X-Request-Id` cannot be set here:
 * the ids are in the body, and API Gateway adds its `x-amz-apigw-id` header (the same
 * `$context.extendedRequestId`) to every response anyway.
 */
import { ResponseType } from 'aws-cdk-lib/aws-apigateway';

/** One customized gateway response. */
export interface GatewayErrorResponse {
  /** Construct id, also the key in the tests. */
  id: string;
  type: ResponseType;
  /** Status to answer with; `undefined` keeps API Gateway's own (varies for DEFAULT_*). */
  statusCode?: string;
  /** Stable snake_case code, the same vocabulary as the middleware's `codeForStatus`. */
  error: string;
  /** Static message; `undefined` uses API Gateway's `$context.error.messageString`. */
  message?: string;
  /** Extra static headers (values are literal strings, unquoted here). */
  headers?: Record<string, string>;
}

export const gatewayErrorResponses: readonly GatewayErrorResponse[] = [
  // Catch-alls: the status varies, so the code is the coarse one the middleware uses too.
  { id: 'Default4xx', type: ResponseType.DEFAULT_4XX, error: 'client_error' },
  { id: 'Default5xx', type: ResponseType.DEFAULT_5XX, error: 'server_error' },
  // A REST API answers an unknown path or method with 403 MissingAuthenticationToken.
  {
    id: 'MissingAuthenticationToken',
    type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
    statusCode: '404',
    error: 'not_found',
    message: 'No route matches this method and path.',
  },
  {
    id: 'ResourceNotFound',
    type: ResponseType.RESOURCE_NOT_FOUND,
    statusCode: '404',
    error: 'not_found',
    message: 'No route matches this method and path.',
  },
  {
    id: 'BadRequestParameters',
    type: ResponseType.BAD_REQUEST_PARAMETERS,
    statusCode: '400',
    error: 'bad_request',
  },
  {
    id: 'BadRequestBody',
    type: ResponseType.BAD_REQUEST_BODY,
    statusCode: '400',
    error: 'bad_request',
  },
  {
    id: 'Throttled',
    type: ResponseType.THROTTLED,
    statusCode: '429',
    error: 'too_many_requests',
    message: 'Too many requests. Retry later.',
    headers: { 'Retry-After': '1' },
  },
  {
    id: 'IntegrationTimeout',
    type: ResponseType.INTEGRATION_TIMEOUT,
    statusCode: '504',
    error: 'gateway_timeout',
    message: 'The request took too long to complete.',
  },
  {
    id: 'IntegrationFailure',
    type: ResponseType.INTEGRATION_FAILURE,
    statusCode: '502',
    error: 'bad_gateway',
    message: 'An upstream service failed to answer.',
  },
];

/**
 * Static headers on every gateway error response, as on the middleware's answers. The demo
 * routes allow any origin (http-cors), so the gateway's own errors do too: a page on another
 * origin can then read their body, trace id included.
 */
export const gatewayErrorHeaders: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Access-Control-Allow-Origin': '*',
};

/**
 * The `application/json` template. `$context.error.messageString` is already a quoted JSON
 * string; a static message is JSON-encoded here. The two ids are quoted: they never hold `"`.
 */
export const gatewayErrorTemplate = (response: GatewayErrorResponse): string =>
  `{"error":${JSON.stringify(response.error)},` +
  `"message":${response.message === undefined ? '$context.error.messageString' : JSON.stringify(response.message)},` +
  `"traceId":"$context.xrayTraceId",` +
  `"requestId":"$context.extendedRequestId"}`;

/** Header mappings in API Gateway syntax: static values inside single quotes. */
export const gatewayErrorHeaderMappings = (
  response: GatewayErrorResponse,
): Record<string, string> =>
  Object.fromEntries(
    Object.entries({ ...gatewayErrorHeaders, ...response.headers }).map(([name, value]) => [
      name,
      `'${value}'`,
    ]),
  );
