/**
 * One CloudWatch datapoint per answered error, through the app's Powertools Metrics. Emitted at
 * once as a single metric, so it neither waits for nor depends on where `logMetrics` stands in
 * the middleware chain, and it survives an invocation that never flushes. Dimensions are the
 * bounded `code` and `statusClass` only: a path or a message would explode cardinality (and
 * cost). Two dimension sets, so one alarm can watch every 5xx whatever its code.
 */
import type { ErrorMetrics, Incident } from './types.js';

/**
 * The metric name, for dashboards and alarms.
 * @example
 * ```ts
 * new cloudwatch.Metric({ namespace: 'Shop', metricName: ERROR_METRIC, statistic: 'Sum' });
 * ```
 */
export const ERROR_METRIC = 'Errors';

/** Emits the datapoint; throws what Metrics throws (the caller guards). */
export const countError = (
  metrics: ErrorMetrics,
  incident: Pick<Incident, 'status' | 'code'>,
): void => {
  const statusClass = incident.status >= 500 ? '5xx' : '4xx';
  const single = metrics.singleMetric();
  // Every dimension set carries the defaults, so `statusClass` is one: [service, statusClass,
  // code] and, from the empty set, [service, statusClass]. Set twice (as a dimension and in a
  // set), Powertools would write two warnings to stderr on every error.
  single.setDefaultDimensions({ statusClass });
  single.addDimension('code', incident.code);
  single.addDimensions({});
  single.addMetric(ERROR_METRIC, 'Count', 1);
};
