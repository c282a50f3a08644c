/**
 * `ApiErrorContract`: API Gateway's own answers (unknown route, throttling, timeouts, authorizer
 * denials...) in the middleware's error contract, X-Ray tracing on the stage and a JSON access
 * log with the trace id, for the user's own `RestApi` / `LambdaRestApi` / `SpecRestApi` or
 * `HttpApi`.
 */

import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Annotations, RemovalPolicy } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import {
  accessLogFormatString,
  HTTP_ACCESS_LOG_FIELDS,
  REST_ACCESS_LOG_FIELDS,
} from './access-log.js';
import type { ApiErrorContractProps } from './contract-props.js';
import { corsHeadersFor } from './cors.js';
import { addGatewayResponses } from './rest-gateway-responses.js';
import { fail, validateContractProps } from './validate-props.js';

/**
 * The note HTTP APIs get at synth: what the contract cannot do for them.
 * @example
 * ```ts
 * Annotations.fromStack(stack).hasInfo('*', HTTP_API_LIMITS); // a test of an HttpApi stack
 * ```
 */
export const HTTP_API_LIMITS =
  'HTTP API: API Gateway\'s own answers (404 "Not Found", 429, 413, 503, 504...) cannot be customized and stay {"message":"..."}, without trace id; HTTP APIs do not take part in X-Ray, so the access log has no trace id (integrationRequestId ties it to the Lambda). Only the JSON access log is added.';

/**
 * The error contract of an API Gateway API.
 *
 * @example
 * ```ts
 * const api = new apigateway.LambdaRestApi(this, 'Api', { handler });
 * new ApiErrorContract(this, 'ErrorContract', { api });
 * ```
 */
export class ApiErrorContract extends Construct {
  /** `rest` or `http`. */
  readonly kind: 'rest' | 'http';
  /** The access log group (`undefined` with `accessLog: false`). */
  readonly accessLogGroup: logs.ILogGroup | undefined;
  /** The gateway responses created (REST; empty for an HTTP API). */
  readonly gatewayResponses: readonly apigw.GatewayResponse[];
  /** The stage configured. */
  readonly stage: apigw.Stage | apigwv2.IHttpStage;
  /** The API. */
  readonly api: apigw.RestApiBase | apigwv2.HttpApi;

  /**
   * @param scope - parent construct.
   * @param id - construct id.
   * @param props - see {@link ApiErrorContractProps}.
   */
  constructor(scope: Construct, id: string, props: ApiErrorContractProps) {
    super(scope, id);
    const { kind, stage } = validateContractProps(this, props);
    refuseSecondOnStage(this, stage);
    this.kind = kind;
    this.stage = stage;
    this.api = props.api;

    this.accessLogGroup =
      props.accessLog === false
        ? undefined
        : (props.accessLogGroup ??
          new logs.LogGroup(this, 'AccessLogs', {
            retention: props.accessLogRetention ?? logs.RetentionDays.ONE_MONTH,
            removalPolicy: props.accessLogRemovalPolicy ?? RemovalPolicy.RETAIN,
          }));

    if (kind === 'http') {
      this.gatewayResponses = [];
      Annotations.of(this).addInfo(HTTP_API_LIMITS);
      if (this.accessLogGroup !== undefined) {
        const cfn = stage.node.defaultChild as { accessLogSettings?: unknown };
        cfn.accessLogSettings = {
          destinationArn: this.accessLogGroup.logGroupArn,
          format: accessLogFormatString(HTTP_ACCESS_LOG_FIELDS),
        };
      }
      return;
    }

    const api = props.api as apigw.RestApiBase;
    const cfnStage = stage.node.defaultChild as apigw.CfnStage;
    if (props.tracing !== false) cfnStage.tracingEnabled = true;
    if (this.accessLogGroup !== undefined) {
      if (cfnStage.accessLogSetting !== undefined) {
        Annotations.of(this).addWarningV2(
          'lambda-error-normalizer:ApiErrorContract.accessLogReplaced',
          'The stage had an access log setting; the JSON access log replaces it (accessLog: false keeps yours).',
        );
      }
      cfnStage.accessLogSetting = {
        destinationArn: this.accessLogGroup.logGroupArn,
        format: accessLogFormatString(REST_ACCESS_LOG_FIELDS),
      };
    }
    this.gatewayResponses = addGatewayResponses(this, api, {
      existing: props.existingGatewayResponses ?? 'keep',
      missingToken: props.missingAuthenticationToken ?? 'auto',
      corsHeaders: corsHeadersFor(this, api, props.cors),
    });
  }
}

/**
 * Refuses a second contract on a stage: the stage has one access log setting, so the second would
 * take it over and leave the first's log group (and what points at it: `ErrorMonitoring`'s
 * outputs and trace query) never written. Looked up in the construct tree rather than marked on
 * the user's stage: nothing to leave on their construct, and a contract in another stack counts
 * too. Another stage of the same API is fine: the gateway responses, which belong to the API,
 * are then the first contract's (kept, as any existing ones).
 */
const refuseSecondOnStage = (
  self: ApiErrorContract,
  stage: apigw.Stage | apigwv2.IHttpStage,
): void => {
  const same = (other: ApiErrorContract['stage']): boolean =>
    other === stage ||
    (stage.node.defaultChild !== undefined && other.node.defaultChild === stage.node.defaultChild);
  // `c.stage` is undefined on a contract whose constructor threw (it stays in the tree).
  const first = self.node.root.node
    .findAll()
    .find(
      (c): c is ApiErrorContract =>
        c instanceof ApiErrorContract && c !== self && c.stage !== undefined && same(c.stage),
    );
  if (first !== undefined) {
    fail(
      self,
      `the stage ${stage.node.path} already has an ApiErrorContract (${first.node.path}): one per stage. A second would replace the first's access log setting, leaving its log group never written. Drop one, or pass stage for another stage of the API.`,
    );
  }
};
