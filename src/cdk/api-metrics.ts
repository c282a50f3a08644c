/**
 * The API's own metrics the alarms and the dashboard read: server errors and requests (for a
 * rate), and p99 latency, from the stage the contract configured (or the API's default one).
 */

import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Duration } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';
import { ApiErrorContract } from './api-error-contract.js';
import { apiKind } from './validate-props.js';

/**
 * What `ErrorMonitoring` accepts as `api`.
 * @example
 * ```ts
 * new ErrorMonitoring(this, 'Errors', { functions: [fn], api: contract }); // or the RestApi / HttpApi itself
 * ```
 */
export type MonitoredApi = ApiErrorContract | apigw.RestApiBase | apigwv2.HttpApi;

/** The metrics of one API stage. */
export interface ApiMetrics {
  readonly kind: 'rest' | 'http';
  /** 5XXError (REST) / 5xx (HTTP API), Sum. */
  readonly serverErrors: cloudwatch.IMetric;
  /** Count, Sum. */
  readonly requests: cloudwatch.IMetric;
  /** Latency p99 (ms). */
  readonly latencyP99: cloudwatch.IMetric;
  /** The access log group, when the API came as an `ApiErrorContract` that has one. */
  readonly accessLogGroupName?: string;
}

type StageMetrics = Pick<apigw.Stage, 'metricServerError' | 'metricCount' | 'metricLatency'>;

const stageOf = (
  scope: Construct,
  api: MonitoredApi,
): { kind: 'rest' | 'http'; stage: StageMetrics } => {
  if (api instanceof ApiErrorContract) return { kind: api.kind, stage: api.stage };
  const kind = apiKind(api);
  if (kind === 'http') {
    const stage = (api as apigwv2.HttpApi).defaultStage;
    if (stage === undefined) {
      throw new Error(
        `${scope.node.path}: the HTTP API has no default stage: pass its ApiErrorContract as api`,
      );
    }
    return { kind, stage };
  }
  if (kind === 'rest') {
    try {
      return { kind, stage: (api as apigw.RestApiBase).deploymentStage };
    } catch {
      throw new Error(
        `${scope.node.path}: the REST API has no deployment stage: pass its ApiErrorContract as api`,
      );
    }
  }
  throw new Error(`${scope.node.path}: api must be an ApiErrorContract, a REST API or an HTTP API`);
};

/**
 * The metrics of `api`'s stage.
 *
 * @param period - the alarms' period.
 */
export const apiMetrics = (scope: Construct, api: MonitoredApi, period: Duration): ApiMetrics => {
  const { kind, stage } = stageOf(scope, api);
  const accessLogGroupName =
    api instanceof ApiErrorContract ? api.accessLogGroup?.logGroupName : undefined;
  return {
    kind,
    serverErrors: stage.metricServerError({ statistic: cloudwatch.Stats.SUM, period }),
    requests: stage.metricCount({ statistic: cloudwatch.Stats.SUM, period }),
    latencyP99: stage.metricLatency({ statistic: cloudwatch.Stats.percentile(99), period }),
    ...(accessLogGroupName === undefined ? {} : { accessLogGroupName }),
  };
};

/**
 * The API's server error rate in percent, 0 while it serves fewer than `minRequests` requests
 * in a period: one failed request of three is no outage worth a page.
 */
export const serverErrorRate = (
  metrics: ApiMetrics,
  minRequests: number,
  period: Duration,
): cloudwatch.MathExpression =>
  new cloudwatch.MathExpression({
    expression: `IF(requests >= ${minRequests}, 100 * errors / requests, 0)`,
    usingMetrics: { errors: metrics.serverErrors, requests: metrics.requests },
    label: 'API 5xx rate (%)',
    period,
  });
