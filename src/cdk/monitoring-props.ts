/** The props of `ErrorMonitoring`, and their checks. */

import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Duration, Token } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';
import type { MonitoredApi } from './api-metrics.js';
import type { ErrorMetricSource } from './dashboard.js';
import type { MonitoredFunction } from './monitored-function.js';
import { checkDashboardName, checkQueryFolder, fail, optionalBoolean } from './validate-props.js';

/**
 * One alarm per function, or one for all.
 * @example
 * ```ts
 * new ErrorMonitoring(this, 'Errors', { functions, alarms: 'perFunction' }); // one alarm per function
 * ```
 */
export type AlarmGrouping = 'perFunction' | 'combined';

/**
 * Properties of `ErrorMonitoring`.
 * @example
 * ```ts
 * new ErrorMonitoring(this, 'Errors', { functions: [ordersFn], api: contract, alarmAction: new SnsAction(topic) });
 * ```
 */
export interface ErrorMonitoringProps {
  /** The functions behind the API (1 to 50: a Logs Insights query reads at most 50 log groups). */
  readonly functions: readonly MonitoredFunction[];
  /**
   * The API, for its 5xx rate and p99 latency alarms; an `ApiErrorContract` adds its access log
   * to the saved trace query and the CLI's output.
   * @default - no API alarms
   */
  readonly api?: MonitoredApi;
  /**
   * What every alarm notifies (an `SnsAction`...).
   * @default - no action: the alarms show on the dashboard only
   */
  readonly alarmAction?: cloudwatch.IAlarmAction;
  /**
   * Whether `alarmAction` is also told when an alarm returns to OK.
   * @default true
   */
  readonly notifyOnOk?: boolean;
  /**
   * `combined`: one alarm for answered errors and one for escaped errors, over all functions;
   * `perFunction`: one of each per function.
   * @default 'combined'
   */
  readonly alarms?: AlarmGrouping;
  /**
   * The app's Powertools Metrics settings: the answered-errors alarm reads the library's `Errors`
   * metric and the dashboard graphs it by code, instead of a metric filter on the log lines.
   * @default - a metric filter on the incident lines (works without Powertools Metrics)
   */
  readonly metrics?: ErrorMetricSource;
  /**
   * Answered 5xx errors in one `period` that raise the alarm.
   * @default 1
   */
  readonly answeredErrorsThreshold?: number;
  /**
   * Lambda `Errors` (what escaped the middleware) in one `period` that raise the alarm.
   * @default 1
   */
  readonly escapedErrorsThreshold?: number;
  /**
   * Period of the function alarms.
   * @default Duration.minutes(1)
   */
  readonly period?: Duration;
  /**
   * API 5xx rate, in percent of requests over 5 minutes, that raises the alarm.
   * @default 5
   */
  readonly apiServerErrorRatePercent?: number;
  /**
   * Fewest requests in 5 minutes for the rate to count; below it the rate reads 0.
   * @default 20
   */
  readonly apiMinimumRequests?: number;
  /**
   * API p99 latency (ms) over 5 minutes that raises the alarm.
   * @default 3000
   */
  readonly apiLatencyP99Ms?: number;
  /**
   * Name of the dashboard (1 to 255 of `A-Za-z0-9-_`, one per account: not another
   * `ErrorMonitoring`'s of the stack); `false` for no dashboard.
   * @default - a name CloudFormation generates
   */
  readonly dashboardName?: string | false;
  /**
   * Folder (name prefix) of the saved Logs Insights queries, 1 to 200 characters and not another
   * `ErrorMonitoring`'s of the stack; `false` for none.
   * @default - the stack name and the construct's path in the stack (`Shop/ErrorMonitoring`)
   */
  readonly queryFolder?: string | false;
}

const positive = (
  scope: Construct,
  name: string,
  value: unknown,
  max = Number.MAX_SAFE_INTEGER,
): void => {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
    fail(
      scope,
      `${name} must be a number above 0${max < Number.MAX_SAFE_INTEGER ? ` and at most ${max}` : ''}, not ${JSON.stringify(value)}`,
    );
  }
};

/** Checks the props; throws with what to change. */
export const validateMonitoringProps = (scope: Construct, props: ErrorMonitoringProps): void => {
  if (typeof props !== 'object' || props === null) fail(scope, 'props are required: { functions }');
  if (!Array.isArray(props.functions) || props.functions.length === 0) {
    fail(scope, 'functions must list at least one function');
  }
  if (props.functions.length > 50) {
    fail(
      scope,
      `functions: ${props.functions.length} given; a Logs Insights query reads at most 50 log groups, so split them over several ErrorMonitoring`,
    );
  }
  for (const [index, entry] of props.functions.entries()) {
    if (typeof entry !== 'object' || entry === null)
      fail(scope, `functions[${index}] is not a function`);
  }
  if (props.alarms !== undefined && props.alarms !== 'perFunction' && props.alarms !== 'combined') {
    fail(scope, `alarms must be "perFunction" or "combined", not ${JSON.stringify(props.alarms)}`);
  }
  positive(scope, 'answeredErrorsThreshold', props.answeredErrorsThreshold);
  positive(scope, 'escapedErrorsThreshold', props.escapedErrorsThreshold);
  positive(scope, 'apiServerErrorRatePercent', props.apiServerErrorRatePercent, 100);
  positive(scope, 'apiMinimumRequests', props.apiMinimumRequests);
  positive(scope, 'apiLatencyP99Ms', props.apiLatencyP99Ms, 30_000);
  if (props.period !== undefined && !(props.period instanceof Duration))
    fail(scope, 'period must be a Duration');
  if (
    props.period !== undefined &&
    ![10, 30].includes(props.period.toSeconds()) &&
    props.period.toSeconds() % 60 !== 0
  ) {
    fail(scope, 'period must be 10 s, 30 s or a multiple of 60 s (CloudWatch alarm periods)');
  }
  if (props.metrics !== undefined) {
    const { namespace, service } = props.metrics;
    for (const [name, value] of Object.entries({ namespace, service })) {
      if (
        typeof value !== 'string' ||
        value.length === 0 ||
        (!Token.isUnresolved(value) && /['"{}]/.test(value))
      ) {
        const variable =
          name === 'service' ? 'POWERTOOLS_SERVICE_NAME' : 'POWERTOOLS_METRICS_NAMESPACE';
        fail(
          scope,
          `metrics.${name} must be the app's ${variable} value, not ${JSON.stringify(value)}`,
        );
      }
    }
  }
  optionalBoolean(scope, 'notifyOnOk', props.notifyOnOk);
  checkDashboardName(scope, props.dashboardName);
  checkQueryFolder(scope, props.queryFolder);
};
