/**
 * The signal Lambda's `Errors` metric never gives: an error the middleware answered is a
 * successful invocation. Counted from the incident lines with a metric filter (no Powertools
 * Metrics needed), or read from the library's EMF metric when the app emits it.
 */

import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Duration, Names } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';
import { ERROR_METRIC } from '../report/metrics.js';
import type { ErrorMetricSource } from './dashboard.js';
import type { ResolvedFunction } from './monitored-function.js';

/**
 * Namespace of the metric filters' metrics.
 * @example
 * ```ts
 * Template.fromStack(stack).hasResourceProperties('AWS::Logs::MetricFilter', {
 *   MetricTransformations: [Match.objectLike({ MetricNamespace: FILTER_NAMESPACE })],
 * }); // a test of a stack with ErrorMonitoring
 * ```
 */
export const FILTER_NAMESPACE = 'LambdaErrorNormalizer';

/**
 * The middleware's line for an answered 5xx: level ERROR, a numeric `status` of 500 or more and
 * a `code` (the runtime's own error lines have no `code`; 4xx answers are WARN lines).
 * @example
 * ```ts
 * new logs.MetricFilter(this, 'Answered', { logGroup, filterPattern: ANSWERED_SERVER_ERROR_PATTERN, metricNamespace: 'Shop', metricName: 'Answered5xx' });
 * ```
 */
export const ANSWERED_SERVER_ERROR_PATTERN = logs.FilterPattern.all(
  logs.FilterPattern.stringValue('$.level', '=', 'ERROR'),
  logs.FilterPattern.numberValue('$.status', '>=', 500),
  logs.FilterPattern.stringValue('$.code', '=', '*'),
);

/** The library's EMF metric for answered 5xx errors (the [service, statusClass] set). */
export const emfServerErrors = (source: ErrorMetricSource, period: Duration): cloudwatch.Metric =>
  new cloudwatch.Metric({
    namespace: source.namespace,
    metricName: ERROR_METRIC,
    dimensionsMap: { service: source.service, statusClass: '5xx' },
    statistic: cloudwatch.Stats.SUM,
    period,
  });

/**
 * One metric filter per log group. `shared`: all publish to one metric (one alarm, any number
 * of functions); else each to its own, named after its function.
 *
 * @returns the metric of each function, in order (the same metric for all when shared).
 */
export const addAnsweredErrorFilters = (
  scope: Construct,
  functions: readonly ResolvedFunction[],
  shared: boolean,
  period: Duration = Duration.minutes(1),
): cloudwatch.Metric[] => {
  const sharedName = `AnsweredServerErrors-${Names.uniqueResourceName(scope, { maxLength: 160 })}`;
  return functions.map(({ fn, logGroup }, index) => {
    const metricName = shared
      ? sharedName
      : `AnsweredServerErrors-${Names.uniqueResourceName(fn, { maxLength: 160 })}`;
    new logs.MetricFilter(scope, `AnsweredErrorsFilter${index}`, {
      logGroup,
      filterPattern: ANSWERED_SERVER_ERROR_PATTERN,
      metricNamespace: FILTER_NAMESPACE,
      metricName,
      metricValue: '1',
    });
    return new cloudwatch.Metric({
      namespace: FILTER_NAMESPACE,
      metricName,
      statistic: cloudwatch.Stats.SUM,
      period,
      label: shared ? 'Answered 5xx' : `${fn.node.id} answered 5xx`,
    });
  });
};
