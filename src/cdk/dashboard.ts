/**
 * The dashboard an operator opens first: answered errors (by code when the app emits the
 * library's metric), what escaped the middleware, the API's 5xx rate and p99 latency, the
 * latest error lines with their trace ids (the id `logs <traceId>` takes), and the top error
 * groups.
 */

import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Duration } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';
import { errorGroupsQuery, errorsQuery } from '../cli/queries.js';
import { ERROR_METRIC } from '../report/metrics.js';
import type { ApiMetrics } from './api-metrics.js';

/**
 * The app's Powertools Metrics settings, when it counts errors with the library's metric.
 * @example
 * ```ts
 * new ErrorMonitoring(this, 'Errors', { functions: [fn], metrics: { namespace: 'Shop', service: 'orders' } });
 * ```
 */
export interface ErrorMetricSource {
  /** `POWERTOOLS_METRICS_NAMESPACE` of the functions. */
  readonly namespace: string;
  /** `POWERTOOLS_SERVICE_NAME` of the functions (the `service` dimension). */
  readonly service: string;
}

/** The latest answered errors as a table: the CLI's query, with the columns that matter. */
export const latestErrorsTable = (): string =>
  `${errorsQuery()} | display @timestamp, status, code, traceId, requestId, @log | limit 50`;

/** Every code's count, one line each, whatever codes appear (new ones included). */
export const errorsByCodeSearch = (source: ErrorMetricSource, period: Duration): string =>
  `SEARCH('{${source.namespace},service,code,statusClass} MetricName="${ERROR_METRIC}" service="${source.service}"', 'Sum', ${period.toSeconds()})`;

/** What the dashboard shows. */
export interface DashboardParts {
  readonly dashboardName?: string;
  readonly period: Duration;
  readonly metrics?: ErrorMetricSource;
  readonly answeredErrors: cloudwatch.IMetric;
  readonly functions: readonly lambda.IFunction[];
  readonly api?: ApiMetrics;
  readonly apiErrorRate?: cloudwatch.IMetric;
  readonly alarms: readonly cloudwatch.IAlarm[];
  readonly functionLogGroupNames: readonly string[];
}

/** Builds the dashboard. */
export const buildDashboard = (scope: Construct, parts: DashboardParts): cloudwatch.Dashboard => {
  const { period } = parts;
  const dashboard = new cloudwatch.Dashboard(scope, 'Dashboard', {
    ...(parts.dashboardName === undefined ? {} : { dashboardName: parts.dashboardName }),
    defaultInterval: Duration.hours(3),
  });
  const answered =
    parts.metrics === undefined
      ? [parts.answeredErrors]
      : [
          new cloudwatch.MathExpression({
            expression: errorsByCodeSearch(parts.metrics, period),
            label: '',
            period,
          }),
        ];
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title:
        parts.metrics === undefined
          ? 'Answered 5xx errors (from the incident lines)'
          : 'Answered errors by code',
      left: answered,
      stacked: true,
      width: 12,
    }),
    new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: [...parts.alarms], width: 12 }),
  );
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'Escaped errors (Lambda Errors: re-thrown, crashes, timeouts)',
      left: parts.functions.map((fn) => fn.metricErrors({ period, label: fn.node.id })),
      width: 12,
    }),
    new cloudwatch.GraphWidget({
      title: 'p99 latency (ms)',
      left: [
        ...(parts.api === undefined ? [] : [parts.api.latencyP99]),
        ...parts.functions.map((fn) =>
          fn.metricDuration({
            statistic: cloudwatch.Stats.percentile(99),
            period,
            label: fn.node.id,
          }),
        ),
      ],
      width: 12,
    }),
  );
  if (parts.apiErrorRate !== undefined) {
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'API 5xx rate (%)',
        left: [parts.apiErrorRate],
        width: 24,
      }),
    );
  }
  dashboard.addWidgets(
    new cloudwatch.LogQueryWidget({
      title: 'Latest error lines (traceId = the id for `logs <traceId>`)',
      logGroupNames: [...parts.functionLogGroupNames],
      queryString: latestErrorsTable(),
      view: cloudwatch.LogQueryVisualizationType.TABLE,
      width: 24,
      height: 8,
    }),
    new cloudwatch.LogQueryWidget({
      title: 'Top error groups (by fingerprint)',
      logGroupNames: [...parts.functionLogGroupNames],
      queryString: errorGroupsQuery(20),
      view: cloudwatch.LogQueryVisualizationType.TABLE,
      width: 24,
      height: 8,
    }),
  );
  return dashboard;
};
