/** The props of `ApiErrorContract`, apart so that their checks need not load the construct. */

import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { RemovalPolicy } from 'aws-cdk-lib/core';
import type { GatewayResponseCors } from './cors.js';
import type {
  ExistingGatewayResponses,
  MissingAuthenticationToken,
} from './rest-gateway-responses.js';

/**
 * Properties of `ApiErrorContract`.
 * @example
 * ```ts
 * new ApiErrorContract(this, 'ErrorContract', { api, cors: { allowOrigin: 'https://app.example.com' } });
 * ```
 */
export interface ApiErrorContractProps {
  /** The API: a `RestApi`, `LambdaRestApi`, `SpecRestApi` or an `HttpApi`. */
  readonly api: apigw.RestApiBase | apigwv2.HttpApi;
  /**
   * The stage that gets the access log (and, on REST, X-Ray tracing).
   * @default - the API's deployment stage (REST) or default stage (HTTP API)
   */
  readonly stage?: apigw.Stage | apigwv2.HttpStage;
  /**
   * Log group of the access log.
   * @default - a new log group with `accessLogRetention`
   */
  readonly accessLogGroup?: logs.ILogGroup;
  /**
   * Retention of the access log group this construct creates.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly accessLogRetention?: logs.RetentionDays;
  /**
   * What happens to the access log group this construct creates when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly accessLogRemovalPolicy?: RemovalPolicy;
  /**
   * Whether to set the JSON access log on the stage; `false` keeps the stage's own.
   * @default true
   */
  readonly accessLog?: boolean;
  /**
   * REST only: whether to turn X-Ray tracing on for the stage.
   * @default true
   */
  readonly tracing?: boolean;
  /**
   * REST only: gateway responses the API already has: `keep` them (ours skip their types) or
   * `override` them (theirs are removed).
   * @default 'keep'
   */
  readonly existingGatewayResponses?: ExistingGatewayResponses;
  /**
   * REST only: MISSING_AUTHENTICATION_TOKEN (an unknown route, or an IAM method called without a
   * signature): `auto` answers 404 when no method uses IAM, 403 otherwise.
   * @default 'auto'
   */
  readonly missingAuthenticationToken?: MissingAuthenticationToken;
  /**
   * REST only: CORS headers on the gateway responses, `false` for none.
   * @default - from the API's `defaultCorsPreflightOptions` when it has one origin (or `*`), else none
   */
  readonly cors?: GatewayResponseCors | false;
}
