/**
 * The deployed demo, built the way a user builds theirs: a REST API with one Lambda per route
 * of `handlers/routes.ts`, then `ApiErrorContract` (gateway responses in the error contract,
 * X-Ray, the JSON access log) and `ErrorMonitoring` (alarms, dashboard, saved queries, the
 * output the CLI reads) from `lambda-error-normalizer/cdk`. Each function is built by
 * `route-function.ts`.
 *
 * REST and not HTTP API: only REST APIs take part in X-Ray traces and expose
 * `$context.xrayTraceId`, which ties the access log to the Lambda logs.
 */
import {
  CfnOutput,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ApiErrorContract } from '../src/cdk/api-error-contract.js';
import { ErrorMonitoring } from '../src/cdk/error-monitoring.js';
import type { FunctionWithLogGroup } from '../src/cdk/monitored-function.js';
import { PLACEHOLDER_TRACE_ID, savedQueryNames } from '../src/cdk/saved-queries.js';
import { AlarmTopic } from './alarm-topic.js';
import { METRICS_NAMESPACE, SERVICE_NAME, STAGE_NAME } from './demo-names.js';
import { handlerName, routes } from './handlers/routes.js';
import { routeFunction } from './route-function.js';
import { StreamFunctionUrl } from './stream-url.js';

export { METRICS_NAMESPACE, SERVICE_NAME, STAGE_NAME } from './demo-names.js';

export { PLACEHOLDER_TRACE_ID };

/** Saved query name; the `/` files it in a folder of the Logs Insights console. */
export const TRACE_QUERY_NAME = savedQueryNames(SERVICE_NAME).byTraceId;

/** Per-route function settings that differ from the defaults. */
const TIMEOUTS: Readonly<Record<string, Duration>> = {
  // Short, so Middy's early timeout fires (and answers 504) well inside API Gateway's 29 s.
  '/slow': Duration.seconds(3),
};
const DEFAULT_TIMEOUT = Duration.seconds(10);

/** Construct id of a route's function (`/boom` -> `Boom`). */
export const functionId = (path: string): string =>
  path
    .slice(1)
    .split(/[^A-Za-z0-9]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

export class DemoStack extends Stack {
  /** Log group of each route's function, keyed by route path. */
  readonly functionLogGroups: ReadonlyMap<string, logs.LogGroup>;
  readonly accessLogGroup: logs.ILogGroup;
  readonly api: apigw.RestApi;
  readonly contract: ApiErrorContract;
  readonly monitoring: ErrorMonitoring;
  readonly alarmTopic: AlarmTopic;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: SERVICE_NAME,
      description: 'lambda-error-normalizer demo: one GET route per failure mode.',
      endpointTypes: [apigw.EndpointType.REGIONAL],
      // Access logs (and execution logs) need the account-level CloudWatch role of API Gateway,
      // which an account does not have until something sets it. Retained on delete (the
      // default): other APIs of the account may rely on the setting.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        // Tracing and the access log come from ApiErrorContract.
        stageName: STAGE_NAME,
        // Execution logs for errors only (integration failures, throttling...), no bodies.
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        // A public demo: cap what anyone can make it cost.
        throttlingRateLimit: 20,
        throttlingBurstLimit: 40,
      },
    });

    // API Gateway would create its execution log group itself, with no retention and outside
    // the stack; create it first, so it expires and goes away with the stack.
    const executionLogGroup = new logs.LogGroup(this, 'ExecutionLogs', {
      logGroupName: `API-Gateway-Execution-Logs_${this.api.restApiId}/${STAGE_NAME}`,
      retention: logs.RetentionDays.ONE_WEEK,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api.deploymentStage.node.addDependency(executionLogGroup);

    const requestValidator = this.api.addRequestValidator('RequestValidator', {
      requestValidatorName: `${SERVICE_NAME}-validator`,
      validateRequestParameters: true,
      validateRequestBody: true,
    });

    // One function per API route; a route served otherwise (a function URL...) gets its
    // function from routeFunction too, and joins `functions` and `functionLogGroups`.
    const functionLogGroups = new Map<string, logs.LogGroup>();
    const functions: FunctionWithLogGroup[] = [];
    for (const route of routes) {
      const { fn, logGroup } = routeFunction(this, {
        id: functionId(route.path),
        entry: `infra/handlers/${handlerName(route)}.ts`,
        description: `GET ${route.path}: ${route.shows}`,
        timeout: TIMEOUTS[route.path] ?? DEFAULT_TIMEOUT,
      });
      functionLogGroups.set(route.path, logGroup);
      functions.push({ function: fn, logGroup });
      this.api.root
        .addResource(handlerName(route))
        .addMethod('GET', new apigw.LambdaIntegration(fn), { requestValidator });
    }
    // The streamed route has a function URL of its own: REST APIs buffer Lambda answers.
    const stream = new StreamFunctionUrl(this, 'Stream', { serviceName: SERVICE_NAME });
    functionLogGroups.set('/stream', stream.logGroup);
    functions.push({ function: stream.function, logGroup: stream.logGroup });
    this.functionLogGroups = functionLogGroups;

    // cdk-nag findings left as they are, each for a stated reason (v3: one id per finding).
    const apiNag = Validations.of(this.api);
    apiNag.acknowledge(
      {
        id: 'AwsSolutions-APIG4',
        reason: 'A public demo of error answers: every route is meant to be called anonymously.',
      },
      {
        id: 'AwsSolutions-COG4',
        reason: 'A public demo of error answers: no users, so no Cognito user pool authorizer.',
      },
      {
        id: 'AwsSolutions-APIG3',
        reason: 'No WAF on a short-lived demo; stage throttling caps the traffic instead.',
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason:
          'The AWS managed policy is the documented one for the API Gateway account logging role.',
      },
    );

    // The demo's routes allow any origin (http-cors), so API Gateway's own errors do too.
    this.contract = new ApiErrorContract(this, 'ErrorContract', {
      api: this.api,
      accessLogRetention: logs.RetentionDays.ONE_WEEK,
      accessLogRemovalPolicy: RemovalPolicy.DESTROY,
      cors: { allowOrigin: '*' },
    });
    this.accessLogGroup = this.contract.accessLogGroup as logs.ILogGroup;

    this.alarmTopic = new AlarmTopic(this, 'Alarms');
    this.monitoring = new ErrorMonitoring(this, 'Monitoring', {
      functions,
      api: this.contract,
      alarmAction: new SnsAction(this.alarmTopic.topic),
      metrics: { namespace: METRICS_NAMESPACE, service: SERVICE_NAME },
      dashboardName: `lambda-error-normalizer-${this.stackName}`,
      queryFolder: SERVICE_NAME,
    });
    this.alarmTopic.allowAlarms(this.monitoring.alarms);

    new CfnOutput(this, 'ApiUrl', {
      description: 'Base URL of the demo API; append a route path such as boom.',
      value: this.api.url,
    });
    new CfnOutput(this, 'LogGroupNames', {
      description: 'Function log groups and the access log group, comma-separated.',
      value: Fn.join(',', [...this.monitoring.logGroupNames]),
    });
    new CfnOutput(this, 'AccessLogGroupName', {
      description: 'API Gateway access log group (JSON lines with xrayTraceId).',
      value: this.accessLogGroup.logGroupName,
    });
    new CfnOutput(this, 'TraceQueryName', {
      description: `Saved Logs Insights query; replace ${PLACEHOLDER_TRACE_ID} by a trace id.`,
      value: TRACE_QUERY_NAME,
    });
    new CfnOutput(this, 'DashboardName', {
      description: 'CloudWatch dashboard: errors by code, p99 latency, latest error lines.',
      value: this.monitoring.dashboard?.dashboardName ?? '',
    });
    new CfnOutput(this, 'AlarmName', {
      description: 'Alarm on 5xx answers of the demo functions.',
      value: (this.monitoring.answeredErrorsAlarms[0] as { alarmName: string }).alarmName,
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      description: 'SNS topic the alarm notifies; subscribe to it to be told.',
      value: this.alarmTopic.topic.topicArn,
    });
  }
}
