/**
 * What an operator meets first: an alarm on the demo's 5xx answers (with an encrypted SNS
 * topic to subscribe to) and a dashboard showing errors by code, p99 latency and the latest
 * error lines with their trace ids, the id `logs <traceId>` takes.
 *
 * Both read the `Errors` metric the middleware emits through Powertools Metrics (EMF): one
 * datapoint per answered error, dimension sets [service, code, statusClass] and
 * [service, statusClass].
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ERRORS_METRIC, METRICS_NAMESPACE, SERVICE_NAME } from './demo-names.js';

/** One minute: an alarm on a demo should fire on the first failing request, not five later. */
const PERIOD = Duration.minutes(1);

/** The 5xx answers of every demo function (the [service, statusClass] dimension set). */
export const serverErrorsMetric = (): cloudwatch.Metric =>
  new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName: ERRORS_METRIC,
    dimensionsMap: { service: SERVICE_NAME, statusClass: '5xx' },
    statistic: cloudwatch.Stats.SUM,
    period: PERIOD,
  });

/** Every code's count, one line each, whatever codes appear (new ones included). */
export const errorsByCodeSearch = (): string =>
  `SEARCH('{${METRICS_NAMESPACE},service,code,statusClass} MetricName="${ERRORS_METRIC}" service="${SERVICE_NAME}"', 'Sum', ${PERIOD.toSeconds()})`;

/**
 * The middleware's error line has `code`, `status`, `traceId` and `requestId`; the runtime's
 * own error lines (an invocation that failed outside the middleware) have level ERROR only.
 */
export const LATEST_ERRORS_QUERY = [
  'fields @timestamp, status, code, coalesce(traceId, xray_trace_id) as trace, requestId, @log',
  'filter ispresent(code) or level = "ERROR"',
  'sort @timestamp desc',
  'limit 50',
];

export interface DemoMonitoringProps {
  api: apigw.RestApi;
  /** The demo's functions, for their Duration p99. */
  functions: readonly lambda.IFunction[];
  /** Their log groups, for the latest error lines. */
  functionLogGroups: readonly logs.ILogGroup[];
}

export class DemoMonitoring extends Construct {
  readonly alarm: cloudwatch.Alarm;
  readonly alarmTopic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: DemoMonitoringProps) {
    super(scope, id);

    this.alarm = new cloudwatch.Alarm(this, 'ServerErrorsAlarm', {
      alarmDescription: `${SERVICE_NAME}: at least one 5xx answer in a minute. Find its trace id on the dashboard, then run \`logs <traceId>\`.`,
      metric: serverErrorsMetric(),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      // No datapoint means no error was answered, not a lack of information.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // Encrypted with a key of the stack: CloudWatch cannot use the AWS managed SNS key.
    const key = new kms.Key(this, 'AlarmTopicKey', {
      description: `Encrypts the ${SERVICE_NAME} alarm topic.`,
      enableKeyRotation: true,
      // Goes with the stack (after the shortest waiting period), like the rest of the demo.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    const cloudWatch = new iam.ServicePrincipal('cloudwatch.amazonaws.com');
    key.grant(cloudWatch, 'kms:Decrypt', 'kms:GenerateDataKey');
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `${SERVICE_NAME} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    this.alarmTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowThisAlarmToPublish',
        principals: [cloudWatch],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: { ArnEquals: { 'aws:SourceArn': this.alarm.alarmArn } },
      }),
    );
    this.alarm.addAlarmAction(new SnsAction(this.alarmTopic));
    this.alarm.addOkAction(new SnsAction(this.alarmTopic));

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `lambda-error-normalizer-${Stack.of(this).stackName}`,
      defaultInterval: Duration.hours(3),
    });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Answered errors by code (per minute)',
        left: [new cloudwatch.SearchExpression({ expression: errorsByCodeSearch(), label: '' })],
        stacked: true,
        width: 12,
      }),
      new cloudwatch.AlarmWidget({ title: '5xx alarm', alarm: this.alarm, width: 12 }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'p99 latency (ms)',
        left: [
          props.api.deploymentStage.metricLatency({
            statistic: 'p99',
            period: PERIOD,
            label: 'API Gateway Latency p99',
          }),
          ...props.functions.map((fn) =>
            fn.metricDuration({ statistic: 'p99', period: PERIOD, label: fn.node.id }),
          ),
        ],
        width: 24,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.LogQueryWidget({
        title: 'Latest error lines (trace = the id for `logs <traceId>`)',
        logGroupNames: props.functionLogGroups.map((group) => group.logGroupName),
        queryLines: LATEST_ERRORS_QUERY,
        view: cloudwatch.LogQueryVisualizationType.TABLE,
        width: 24,
        height: 8,
      }),
    );
  }
}
