/**
 * The REST API's access log: one JSON object per request, for every kind of request (a Lambda
 * answer, API Gateway's own error, a throttled call).
 *
 * API Gateway substitutes each `$context` variable as raw text and writes `-` for one without
 * a value, so every value sits inside quotes: a `-` is then the string `"-"`, never a bare `-`
 * that breaks the line. That includes the error message: `$context.error.messageString` is
 * quoted by API Gateway only when there is a message (a Lambda answer has none, and would log a
 * bare `-`), so the line uses the unquoted `$context.error.message` inside quotes instead. API
 * Gateway's own messages are fixed texts without `"` ("Missing Authentication Token", "Internal
 * server error", "Endpoint request timed out"...).
 *
 * Ids: `$context.requestId` can be chosen by the caller (an `x-amzn-RequestId` header), so it
 * is not logged; `requestId` is `$context.extendedRequestId`, which API Gateway alone sets, the
 * id its gateway responses carry and its `x-amz-apigw-id` response header.
 */
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';

/** Field name -> the `$context` variable it holds (written inside quotes). */
export const ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
  requestId: '$context.extendedRequestId',
  xrayTraceId: '$context.xrayTraceId',
  // For a Lambda proxy integration, the Lambda request id (the middleware's `requestId`).
  integrationRequestId: '$context.integration.requestId',
  requestTime: '$context.requestTimeEpoch',
  httpMethod: '$context.httpMethod',
  path: '$context.path',
  resourcePath: '$context.resourcePath',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationStatus: '$context.integration.status',
  integrationLatency: '$context.integration.latency',
  integrationError: '$context.integration.error',
  errorType: '$context.error.responseType',
  errorMessage: '$context.error.message',
  sourceIp: '$context.identity.sourceIp',
  protocol: '$context.protocol',
};

/** The format string: `JSON.stringify` quotes every variable. */
export const accessLogFormatString = (): string => JSON.stringify(ACCESS_LOG_FIELDS);

export const accessLogFormat = (): AccessLogFormat =>
  AccessLogFormat.custom(accessLogFormatString());
