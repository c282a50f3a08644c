/**
 * `ErrorMonitoring`: alarms on the errors the middleware answered (a successful invocation to
 * Lambda, so its `Errors` metric never counts them) and on what escaped it (Lambda `Errors`:
 * re-thrown non-HTTP errors, crashes, timeouts); the API's 5xx rate and p99 latency; a
 * dashboard; saved Logs Insights queries; and the stack output the CLI reads.
 */

import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { CfnOutput, Duration, Fn, Names, Stack, Token } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { addAnsweredErrorFilters, emfServerErrors } from './answered-errors.js';
import { type ApiMetrics, apiMetrics, serverErrorRate } from './api-metrics.js';
import { buildDashboard } from './dashboard.js';
import { type ResolvedFunction, resolveFunction } from './monitored-function.js';
import type { ErrorMonitoringProps } from './monitoring-props.js';
import { validateMonitoringProps } from './monitoring-props.js';
import { LOG_GROUPS_OUTPUT_PREFIX } from './output-keys.js';
import { addSavedQueries, defaultQueryFolder } from './saved-queries.js';
import { fail } from './validate-props.js';

/** The API alarms look at 5 minutes: a rate over one minute of low traffic is noise. */
const API_PERIOD = Duration.minutes(5);

/** Alarms in one metric math expression: CloudWatch takes at most 10 metrics. */
const MAX_MATH_METRICS = 10;

/**
 * Error alarms, a dashboard and saved queries for the functions behind an API.
 *
 * @example
 * ```ts
 * new ErrorMonitoring(this, 'Errors', {
 *   functions: [ordersFn, usersFn],
 *   api: contract,
 *   alarmAction: new SnsAction(topic),
 * });
 * ```
 */
export class ErrorMonitoring extends Construct {
  /** Every alarm created. */
  readonly alarms: readonly cloudwatch.Alarm[];
  /** Alarms on answered 5xx errors (one, or one per function). */
  readonly answeredErrorsAlarms: readonly cloudwatch.Alarm[];
  /** Alarms on Lambda `Errors` (one per up to 10 functions, or one per function). */
  readonly escapedErrorsAlarms: readonly cloudwatch.Alarm[];
  /** The API 5xx rate alarm, with `api`. */
  readonly apiServerErrorRateAlarm: cloudwatch.Alarm | undefined;
  /** The API p99 latency alarm, with `api`. */
  readonly apiLatencyAlarm: cloudwatch.Alarm | undefined;
  /** The dashboard, unless `dashboardName: false`. */
  readonly dashboard: cloudwatch.Dashboard | undefined;
  /** The saved queries, unless `queryFolder: false`. */
  readonly queryDefinitions: readonly logs.CfnQueryDefinition[];
  /**
   * The folder of the saved queries: `Shop/ErrorMonitoring` by default, `undefined` with
   * `queryFolder: false`.
   */
  readonly queryFolder: string | undefined;
  /** The function log groups, then the access log group when known: what the CLI reads. */
  readonly logGroupNames: readonly string[];
  /** `dashboardName` as given: `dashboard.dashboardName` is a token, even for a given name. */
  private readonly givenDashboardName: string | undefined;

  /**
   * @param scope - parent construct.
   * @param id - construct id.
   * @param props - see `ErrorMonitoringProps`.
   */
  constructor(scope: Construct, id: string, props: ErrorMonitoringProps) {
    super(scope, id);
    validateMonitoringProps(this, props);
    const folder = props.queryFolder ?? defaultQueryFolder(this);
    // The default is checked here, not with the props: it comes from the construct's path.
    if (typeof folder === 'string' && !Token.isUnresolved(folder) && folder.length > 200) {
      fail(
        this,
        `the default queryFolder ${JSON.stringify(folder)} (the stack name and this construct's path) is ${folder.length} characters, over the 200 a folder takes: set queryFolder`,
      );
    }
    this.queryFolder = folder === false ? undefined : folder;
    this.givenDashboardName =
      typeof props.dashboardName === 'string' ? props.dashboardName : undefined;
    this.refuseSharedNames();
    const period = props.period ?? Duration.minutes(1);
    const perFunction = props.alarms === 'perFunction';
    const functions = props.functions.map((entry) => resolveFunction(this, entry));
    const functionLogGroupNames = functions.map(({ logGroup }) => logGroup.logGroupName);

    const alarm = (alarmId: string, options: cloudwatch.AlarmProps): cloudwatch.Alarm => {
      const created = new cloudwatch.Alarm(this, alarmId, {
        // No datapoint means nothing failed, not a lack of information.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...options,
      });
      if (props.alarmAction !== undefined) {
        created.addAlarmAction(props.alarmAction);
        if (props.notifyOnOk !== false) created.addOkAction(props.alarmAction);
      }
      return created;
    };
    const atLeast = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;

    // Answered errors: the library's metric when the app emits it, else the incident lines.
    const answeredMetrics =
      props.metrics === undefined
        ? addAnsweredErrorFilters(this, functions, !perFunction, period)
        : [emfServerErrors(props.metrics, period)];
    const answeredTargets =
      props.metrics === undefined && perFunction
        ? functions.map((f, index) => ({
            label: f.fn.node.id,
            metric: answeredMetrics[index] as cloudwatch.Metric,
          }))
        : [{ label: 'all functions', metric: answeredMetrics[0] as cloudwatch.Metric }];
    this.answeredErrorsAlarms = answeredTargets.map(({ label, metric }, index) =>
      alarm(
        perFunction && props.metrics === undefined
          ? `AnsweredErrorsAlarm${index}`
          : 'AnsweredErrorsAlarm',
        {
          alarmDescription: `Answered 5xx errors (${label}): the middleware turned an error into a 5xx answer. Find the trace id on the dashboard or run \`errors --stack ${Stack.of(this).stackName}\`.`,
          metric,
          threshold: props.answeredErrorsThreshold ?? 1,
          comparisonOperator: atLeast,
          evaluationPeriods: 1,
        },
      ),
    );

    this.escapedErrorsAlarms = escapedErrorGroups(functions, perFunction).map((group, index, all) =>
      alarm(
        all.length === 1 && !perFunction ? 'EscapedErrorsAlarm' : `EscapedErrorsAlarm${index}`,
        {
          alarmDescription: `Lambda Errors (${group.map((f) => f.fn.node.id).join(', ')}): invocations that failed outside the middleware (re-thrown non-HTTP errors, crashes, timeouts).`,
          metric: escapedErrorsMetric(group, period),
          threshold: props.escapedErrorsThreshold ?? 1,
          comparisonOperator: atLeast,
          evaluationPeriods: 1,
        },
      ),
    );

    let api: ApiMetrics | undefined;
    let apiErrorRate: cloudwatch.MathExpression | undefined;
    if (props.api !== undefined) {
      api = apiMetrics(this, props.api, API_PERIOD);
      apiErrorRate = serverErrorRate(api, props.apiMinimumRequests ?? 20, API_PERIOD);
      this.apiServerErrorRateAlarm = alarm('ApiServerErrorRateAlarm', {
        alarmDescription: `API 5xx rate of at least ${props.apiServerErrorRatePercent ?? 5}% of requests, in 2 of 3 five-minute periods with at least ${props.apiMinimumRequests ?? 20} requests.`,
        metric: apiErrorRate,
        threshold: props.apiServerErrorRatePercent ?? 5,
        comparisonOperator: atLeast,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
      });
      this.apiLatencyAlarm = alarm('ApiLatencyAlarm', {
        alarmDescription: `API p99 latency of at least ${props.apiLatencyP99Ms ?? 3000} ms in 2 of 3 five-minute periods.`,
        metric: api.latencyP99,
        threshold: props.apiLatencyP99Ms ?? 3000,
        comparisonOperator: atLeast,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
      });
    }
    this.alarms = [
      ...this.answeredErrorsAlarms,
      ...this.escapedErrorsAlarms,
      ...(this.apiServerErrorRateAlarm === undefined ? [] : [this.apiServerErrorRateAlarm]),
      ...(this.apiLatencyAlarm === undefined ? [] : [this.apiLatencyAlarm]),
    ];

    this.dashboard =
      props.dashboardName === false
        ? undefined
        : buildDashboard(this, {
            ...(props.dashboardName === undefined ? {} : { dashboardName: props.dashboardName }),
            period,
            ...(props.metrics === undefined ? {} : { metrics: props.metrics }),
            answeredErrors:
              answeredMetrics.length === 1 || props.metrics !== undefined
                ? (answeredMetrics[0] as cloudwatch.Metric)
                : sumOf(answeredMetrics, 'Answered 5xx', period),
            functions: functions.map((f) => f.fn),
            ...(api === undefined ? {} : { api }),
            ...(apiErrorRate === undefined ? {} : { apiErrorRate }),
            alarms: this.alarms,
            functionLogGroupNames,
          });

    this.logGroupNames =
      api?.accessLogGroupName === undefined
        ? functionLogGroupNames
        : [...functionLogGroupNames, api.accessLogGroupName];
    this.queryDefinitions =
      this.queryFolder === undefined
        ? []
        : addSavedQueries(this, this.queryFolder, functionLogGroupNames, this.logGroupNames);

    const output = new CfnOutput(this, 'LogGroups', {
      description:
        'lambda-error-normalizer: log groups for `errors --stack` and `logs --stack` (comma-separated).',
      value: Fn.join(',', [...this.logGroupNames]),
    });
    output.overrideLogicalId(`${LOG_GROUPS_OUTPUT_PREFIX}${Names.uniqueId(this)}`);
  }

  /**
   * Refuses a query folder or a dashboard name another `ErrorMonitoring` of the stack already
   * has: two sets of saved queries with the same names, over different log groups, cannot be
   * told apart in the console, and a dashboard name is one per account (the second would fail the
   * deploy or overwrite the first). Only within a stack: stacks with the same names may go to
   * different accounts.
   */
  private refuseSharedNames(): void {
    const stack = Stack.of(this);
    const others = stack.node
      .findAll()
      .filter(
        (c): c is ErrorMonitoring =>
          c instanceof ErrorMonitoring && c !== this && Stack.of(c) === stack,
      );
    for (const other of others) {
      if (this.queryFolder !== undefined && other.queryFolder === this.queryFolder) {
        fail(
          this,
          `queryFolder ${JSON.stringify(this.queryFolder)} is already the folder of ${other.node.path}: its saved queries would have the same names as these, over other log groups. Give each ErrorMonitoring its own queryFolder (unset, it is the stack name and the construct's path).`,
        );
      }
      const name = this.givenDashboardName;
      if (name !== undefined && other.givenDashboardName === name) {
        fail(
          this,
          `dashboardName ${JSON.stringify(name)} is already the dashboard of ${other.node.path}: dashboard names are one per account. Give each ErrorMonitoring its own dashboardName (unset, CloudFormation generates one).`,
        );
      }
    }
  }
}

/** Groups of functions one escaped-errors alarm covers. */
const escapedErrorGroups = (
  functions: readonly ResolvedFunction[],
  perFunction: boolean,
): ResolvedFunction[][] => {
  if (perFunction) return functions.map((f) => [f]);
  const groups: ResolvedFunction[][] = [];
  for (let start = 0; start < functions.length; start += MAX_MATH_METRICS) {
    groups.push(functions.slice(start, start + MAX_MATH_METRICS));
  }
  return groups;
};

const escapedErrorsMetric = (
  group: readonly ResolvedFunction[],
  period: Duration,
): cloudwatch.IMetric => {
  const metrics = group.map((f) => f.fn.metricErrors({ period, statistic: cloudwatch.Stats.SUM }));
  return metrics.length === 1
    ? (metrics[0] as cloudwatch.Metric)
    : sumOf(metrics, 'Lambda Errors', period);
};

/** The sum of up to 10 metrics, a missing datapoint read as 0. */
const sumOf = (
  metrics: readonly cloudwatch.IMetric[],
  label: string,
  period: Duration,
): cloudwatch.MathExpression =>
  new cloudwatch.MathExpression({
    expression: metrics.map((_, index) => `FILL(m${index}, 0)`).join(' + '),
    usingMetrics: Object.fromEntries(metrics.map((metric, index) => [`m${index}`, metric])),
    label,
    period,
  });
