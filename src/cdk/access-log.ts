/**
 * The API's access log: one JSON object per request, for every kind of request (a Lambda
 * answer, API Gateway's own error, a throttled call).
 *
 * API Gateway substitutes each `$context` variable as raw text and writes `-` for one without a
 * value, so every value sits inside quotes: a `-` is then the string `"-"`, never a bare `-`
 * that breaks the line. That includes the error message: `$context.error.messageString` is
 * quoted by API Gateway only when there is a message, so the line quotes the plain
 * `$context.error.message` itself (API Gateway's messages are fixed texts without `"`).
 *
 * `requestId` is `$context.extendedRequestId`, which API Gateway alone sets (`$context.requestId`
 * of a REST API follows a caller's `x-amzn-RequestId` header), the id of its gateway responses.
 */

/** Fields both kinds of API log: name -> the `$context` variable it holds. */
const COMMON_FIELDS: Readonly<Record<string, string>> = {
  requestId: '$context.extendedRequestId',
  // For a Lambda proxy integration, the Lambda request id (the middleware's `requestId`).
  integrationRequestId: '$context.integration.requestId',
  requestTime: '$context.requestTimeEpoch',
  httpMethod: '$context.httpMethod',
  path: '$context.path',
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

/**
 * REST API fields: the X-Ray trace id ties the line to the Lambda's logs.
 * @example
 * ```ts
 * const format = accessLogFormatString({ ...REST_ACCESS_LOG_FIELDS, apiKeyId: '$context.identity.apiKeyId' });
 * ```
 */
export const REST_ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
  requestId: '$context.extendedRequestId',
  xrayTraceId: '$context.xrayTraceId',
  ...COMMON_FIELDS,
  resourcePath: '$context.resourcePath',
};

/**
 * HTTP API fields: HTTP APIs have no X-Ray trace id; `integrationRequestId` (the Lambda request
 * id) is what ties a line to the function's logs.
 * @example
 * ```ts
 * apigw.AccessLogFormat.custom(accessLogFormatString(HTTP_ACCESS_LOG_FIELDS));
 * ```
 */
export const HTTP_ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
  ...COMMON_FIELDS,
  routeKey: '$context.routeKey',
  integrationErrorMessage: '$context.integrationErrorMessage',
};

/**
 * The format string: `JSON.stringify` quotes every variable.
 *
 * @param fields - field name -> `$context` variable.
 * @returns the one-line JSON format API Gateway takes.
 * @example
 * ```ts
 * new apigw.RestApi(this, 'Api', {
 *   deployOptions: { accessLogFormat: apigw.AccessLogFormat.custom(accessLogFormatString()) },
 * });
 * ```
 */
export const accessLogFormatString = (
  fields: Readonly<Record<string, string>> = REST_ACCESS_LOG_FIELDS,
): string => JSON.stringify(fields);
