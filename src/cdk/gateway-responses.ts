/**
 * The answers API Gateway (REST) gives itself, before or instead of a Lambda (unknown route,
 * throttling, integration timeout, authorizer denial...), shaped like the middleware's contract
 * `{"error","message","traceId","requestId"}` so a client parses one error format only.
 *
 * Gateway response templates only substitute `$context` / `$stageVariables` variables (no VTL
 * logic), so every variable sits inside quotes: an empty value renders `""`, never a bare gap
 * that breaks the JSON. `requestId` is `$context.extendedRequestId`, API Gateway's own id, which
 * a caller cannot set (`$context.requestId` follows an `x-amzn-RequestId` header).
 *
 * Header mappings accept static values and method request parameters only, not `$context`
 * variables: the ids are in the body, and API Gateway adds `x-amz-apigw-id` (the same
 * extended request id) to every answer itself.
 */
import { ResponseType } from 'aws-cdk-lib/aws-apigateway';
import { codeForStatus } from '../core/classify.js';

/**
 * One response type API Gateway has, and how the contract answers it.
 * @example
 * ```ts
 * const throttled = GATEWAY_ERROR_RESPONSES.find((entry) => entry.id === 'Throttled');
 * ```
 */
export interface GatewayErrorResponse {
  /** Construct id suffix (`Throttled`). */
  readonly id: string;
  /** The API Gateway response type it answers (`THROTTLED`, `DEFAULT_4XX`...). */
  readonly type: ResponseType;
  /** Status to answer with; `undefined` keeps API Gateway's own (the DEFAULT_* catch-alls vary). */
  readonly status?: number;
  /** Stable snake_case code, the middleware's vocabulary (`codeForStatus`). */
  readonly error: string;
  /** Static message; `undefined` uses API Gateway's own `$context.error.message`. */
  readonly message?: string;
  /** Extra static headers on this response only. */
  readonly headers?: Readonly<Record<string, string>>;
}

const response = (
  id: string,
  type: ResponseType,
  status: number,
  message?: string,
  headers?: Record<string, string>,
): GatewayErrorResponse => ({
  id,
  type,
  status,
  error: codeForStatus(status),
  ...(message === undefined ? {} : { message }),
  ...(headers === undefined ? {} : { headers }),
});

/**
 * Every `ResponseType` of API Gateway REST (21). Statuses are API Gateway's defaults except
 * INTEGRATION_FAILURE (its 504 claims a timeout that did not happen: 502 says the upstream
 * failed) and MISSING_AUTHENTICATION_TOKEN, which `missingTokenResponse` decides per API.
 * @example
 * ```ts
 * for (const entry of GATEWAY_ERROR_RESPONSES) console.log(entry.id, entry.error); // Default4xx client_error ...
 * ```
 */
export const GATEWAY_ERROR_RESPONSES: readonly GatewayErrorResponse[] = [
  // Catch-alls: the status varies, so the code is the coarse one the middleware uses too.
  { id: 'Default4xx', type: ResponseType.DEFAULT_4XX, error: 'client_error' },
  { id: 'Default5xx', type: ResponseType.DEFAULT_5XX, error: 'server_error' },
  response('AccessDenied', ResponseType.ACCESS_DENIED, 403, 'Access to this resource is denied.'),
  response('Unauthorized', ResponseType.UNAUTHORIZED, 401, 'Authentication is required.'),
  response('ExpiredToken', ResponseType.EXPIRED_TOKEN, 403, 'The security token has expired.'),
  response(
    'InvalidSignature',
    ResponseType.INVALID_SIGNATURE,
    403,
    'The request signature is invalid.',
  ),
  response(
    'InvalidApiKey',
    ResponseType.INVALID_API_KEY,
    403,
    'The API key is missing or invalid.',
  ),
  response(
    'ResourceNotFound',
    ResponseType.RESOURCE_NOT_FOUND,
    404,
    'No route matches this method and path.',
  ),
  response('Throttled', ResponseType.THROTTLED, 429, 'Too many requests. Retry later.', {
    'Retry-After': '1',
  }),
  response(
    'QuotaExceeded',
    ResponseType.QUOTA_EXCEEDED,
    429,
    'The usage quota of this API key is exhausted.',
  ),
  response('RequestTooLarge', ResponseType.REQUEST_TOO_LARGE, 413, 'The request is too large.'),
  response(
    'IntegrationTimeout',
    ResponseType.INTEGRATION_TIMEOUT,
    504,
    'The request took too long to complete.',
  ),
  response(
    'IntegrationFailure',
    ResponseType.INTEGRATION_FAILURE,
    502,
    'An upstream service failed to answer.',
  ),
  response('BadRequestBody', ResponseType.BAD_REQUEST_BODY, 400, 'The request body is invalid.'),
  response(
    'BadRequestParameters',
    ResponseType.BAD_REQUEST_PARAMETERS,
    400,
    'The request parameters are invalid.',
  ),
  response('WafFiltered', ResponseType.WAF_FILTERED, 403, 'The request was blocked.'),
  response(
    'UnsupportedMediaType',
    ResponseType.UNSUPPORTED_MEDIA_TYPE,
    415,
    'This content type is not supported.',
  ),
  response(
    'AuthorizerFailure',
    ResponseType.AUTHORIZER_FAILURE,
    500,
    'The request could not be authorized.',
  ),
  response(
    'AuthorizerConfigurationError',
    ResponseType.AUTHORIZER_CONFIGURATION_ERROR,
    500,
    'The request could not be authorized.',
  ),
  response(
    'ApiConfigurationError',
    ResponseType.API_CONFIGURATION_ERROR,
    500,
    'The API is misconfigured.',
  ),
];

/**
 * MISSING_AUTHENTICATION_TOKEN is API Gateway's answer both to an unknown method or path and to
 * an IAM-authorized method called without a signature. Only an API where no method needs a
 * signature can call it "not found"; elsewhere it stays an honest 403.
 *
 * @param notFound - whether no method of the API uses IAM (or API key) authentication.
 * @returns the entry: a 404 `not_found`, or a 403 `forbidden`.
 * @example
 * ```ts
 * missingTokenResponse(true).error; // 'not_found'
 * ```
 */
export const missingTokenResponse = (notFound: boolean): GatewayErrorResponse =>
  notFound
    ? response(
        'MissingAuthenticationToken',
        ResponseType.MISSING_AUTHENTICATION_TOKEN,
        404,
        'No route matches this method and path.',
      )
    : response(
        'MissingAuthenticationToken',
        ResponseType.MISSING_AUTHENTICATION_TOKEN,
        403,
        'Missing authentication, or no route matches this method and path.',
      );

/** Static headers on every gateway error response, as on the middleware's answers. */
export const GATEWAY_ERROR_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

/**
 * The `application/json` template. Static messages are JSON-encoded here; API Gateway's own
 * message and the two ids are quoted variables (API Gateway's messages are fixed texts without
 * `"`, and the ids never hold one).
 * @param entry - the gateway response to answer.
 * @returns the mapping template of its `application/json` body.
 * @example
 * ```ts
 * api.addGatewayResponse('Throttled', { type: ResponseType.THROTTLED, templates: { 'application/json': gatewayErrorTemplate(entry) } });
 * ```
 */
export const gatewayErrorTemplate = (entry: GatewayErrorResponse): string =>
  `{"error":${JSON.stringify(entry.error)},` +
  `"message":${entry.message === undefined ? '"$context.error.message"' : JSON.stringify(entry.message)},` +
  `"traceId":"$context.xrayTraceId",` +
  `"requestId":"$context.extendedRequestId"}`;

/**
 * Header mappings in API Gateway syntax: static values inside single quotes.
 *
 * @param entry - the response.
 * @param extra - headers every response gets on top (CORS).
 */
export const gatewayErrorHeaderMappings = (
  entry: GatewayErrorResponse,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> =>
  Object.fromEntries(
    Object.entries({ ...GATEWAY_ERROR_HEADERS, ...extra, ...entry.headers }).map(
      ([name, value]) => {
        if (value.includes("'"))
          throw new TypeError(`Header ${name}: a static value cannot hold '`);
        return [name, `'${value}'`];
      },
    ),
  );
