/**
 * The deployed demo: one Lambda per route of `handlers/routes.ts` behind a REST API, every hop
 * traced with X-Ray and logged as JSON, a saved Logs Insights query that finds all lines of
 * one request by its trace id, and an alarm and a dashboard on the answered errors
 * (`monitoring.ts`). Each function is built by `route-function.ts`; the access log format is
 * `access-log.ts`'s.
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
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { accessLogFormat } from './access-log.js';
import { SERVICE_NAME, STAGE_NAME } from './demo-names.js';
import {
  gatewayErrorHeaderMappings,
  gatewayErrorResponses,
  gatewayErrorTemplate,
} from './gateway-responses.js';
import { handlerName, routes } from './handlers/routes.js';
import { DemoMonitoring } from './monitoring.js';
import { routeFunction } from './route-function.js';
import { StreamFunctionUrl } from './stream-url.js';

export { METRICS_NAMESPACE, SERVICE_NAME, STAGE_NAME } from './demo-names.js';

/**
 * A well-formed trace id nobody will ever get: the saved query filters on it, to be replaced by
 * the trace id to look for (Logs Insights saved queries take no parameters).
 */
export const PLACEHOLDER_TRACE_ID = '1-00000000-000000000000000000000000';

/** Saved query name; the `/` files it in a folder of the Logs Insights console. */
export const TRACE_QUERY_NAME = `${SERVICE_NAME}/lines-by-trace-id`;

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
  readonly accessLogGroup: logs.LogGroup;
  readonly api: apigw.RestApi;
  readonly monitoring: DemoMonitoring;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.ONE_WEEK,
      removalPolicy: RemovalPolicy.DESTROY,
    });

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
        stageName: STAGE_NAME,
        tracingEnabled: true,
        accessLogDestination: new apigw.LogGroupLogDestination(this.accessLogGroup),
        accessLogFormat: accessLogFormat(),
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

    for (const response of gatewayErrorResponses) {
      this.api.addGatewayResponse(response.id, {
        type: response.type,
        ...(response.statusCode === undefined ? {} : { statusCode: response.statusCode }),
        responseHeaders: gatewayErrorHeaderMappings(response),
        templates: { 'application/json': gatewayErrorTemplate(response) },
      });
    }

    // One function per API route; a route served otherwise (a function URL...) gets its
    // function from routeFunction too, and joins `functions` and `functionLogGroups`.
    const functionLogGroups = new Map<string, logs.LogGroup>();
    const functions: lambda.IFunction[] = [];
    for (const route of routes) {
      const { fn, logGroup } = routeFunction(this, {
        id: functionId(route.path),
        entry: `infra/handlers/${handlerName(route)}.ts`,
        description: `GET ${route.path}: ${route.shows}`,
        timeout: TIMEOUTS[route.path] ?? DEFAULT_TIMEOUT,
      });
      functionLogGroups.set(route.path, logGroup);
      functions.push(fn);
      this.api.root
        .addResource(handlerName(route))
        .addMethod('GET', new apigw.LambdaIntegration(fn), { requestValidator });
    }
    // The streamed route has a function URL of its own: REST APIs buffer Lambda answers.
    const stream = new StreamFunctionUrl(this, 'Stream', { serviceName: SERVICE_NAME });
    functionLogGroups.set('/stream', stream.logGroup);
    functions.push(stream.function);
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

    this.monitoring = new DemoMonitoring(this, 'Monitoring', {
      api: this.api,
      functions,
      functionLogGroups: [...functionLogGroups.values()],
    });

    const allLogGroups = [...functionLogGroups.values(), this.accessLogGroup];

    // Powertools JSON lines carry `xray_trace_id`, the middleware's error line also `traceId`,
    // the access log `xrayTraceId`, and Lambda's platform lines the full X-Amzn-Trace-Id: a
    // substring match on the root id finds them all. Replace the placeholder before running.
    new logs.QueryDefinition(this, 'TraceQuery', {
      queryDefinitionName: TRACE_QUERY_NAME,
      queryString: new logs.QueryString({
        fields: [
          '@timestamp',
          '@log',
          'level',
          'message',
          'status',
          'code',
          'error.name',
          'xray_trace_id',
          'traceId',
          'xrayTraceId',
          'requestId',
          'function_request_id',
        ],
        filterStatements: [`@message like "${PLACEHOLDER_TRACE_ID}"`],
        sort: '@timestamp asc',
        limit: 1000,
      }),
      logGroups: allLogGroups,
    });

    new CfnOutput(this, 'ApiUrl', {
      description: 'Base URL of the demo API; append a route path such as boom.',
      value: this.api.url,
    });
    new CfnOutput(this, 'LogGroupNames', {
      description: 'Function log groups and the access log group, comma-separated.',
      value: Fn.join(
        ',',
        allLogGroups.map((group) => group.logGroupName),
      ),
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
      value: this.monitoring.dashboard.dashboardName,
    });
    new CfnOutput(this, 'AlarmName', {
      description: 'Alarm on 5xx answers of the demo functions.',
      value: this.monitoring.alarm.alarmName,
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      description: 'SNS topic the alarm notifies; subscribe to it to be told.',
      value: this.monitoring.alarmTopic.topicArn,
    });
  }
}
