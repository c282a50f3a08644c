/**
 * `lambda-error-normalizer/cdk`: the infrastructure half of the error contract, for the user's
 * own API. `ApiErrorContract` gives API Gateway's own answers the middleware's JSON body (REST),
 * X-Ray on the stage and a JSON access log; `ErrorMonitoring` alarms on answered and escaped
 * errors, graphs them, saves Logs Insights queries and writes the output the CLI reads.
 * Needs `aws-cdk-lib` and `constructs` (optional peers: the package root never loads them).
 *
 * @example
 * ```ts
 * import { ApiErrorContract, ErrorMonitoring } from 'lambda-error-normalizer/cdk';
 *
 * const api = new apigateway.LambdaRestApi(this, 'Api', { handler: fn });
 * const contract = new ApiErrorContract(this, 'ErrorContract', { api });
 * new ErrorMonitoring(this, 'ErrorMonitoring', { functions: [fn], api: contract });
 * ```
 * @packageDocumentation
 */
export {
  accessLogFormatString,
  HTTP_ACCESS_LOG_FIELDS,
  REST_ACCESS_LOG_FIELDS,
} from './access-log.js';
export { ANSWERED_SERVER_ERROR_PATTERN, FILTER_NAMESPACE } from './answered-errors.js';
export { ApiErrorContract, HTTP_API_LIMITS } from './api-error-contract.js';
export type { MonitoredApi } from './api-metrics.js';
export type { ApiErrorContractProps } from './contract-props.js';
export type { GatewayResponseCors } from './cors.js';
export type { ErrorMetricSource } from './dashboard.js';
export { ErrorMonitoring } from './error-monitoring.js';
export {
  GATEWAY_ERROR_RESPONSES,
  type GatewayErrorResponse,
  gatewayErrorTemplate,
  missingTokenResponse,
} from './gateway-responses.js';
export type { FunctionWithLogGroup, MonitoredFunction } from './monitored-function.js';
export type { AlarmGrouping, ErrorMonitoringProps } from './monitoring-props.js';
export { LOG_GROUPS_OUTPUT_PREFIX } from './output-keys.js';
export type {
  ExistingGatewayResponses,
  MissingAuthenticationToken,
} from './rest-gateway-responses.js';
export { PLACEHOLDER_TRACE_ID, type SavedQueryNames, savedQueryNames } from './saved-queries.js';
