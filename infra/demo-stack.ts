/**
 * The deployed demo: one Lambda per route of `handlers/routes.ts` behind a REST API, every hop
 * traced with X-Ray and logged as JSON, plus a saved Logs Insights query that finds all lines
 * of one request by its trace id.
 *
 * REST and not HTTP API: only REST APIs take part in X-Ray traces and expose
 * `$context.xrayTraceId`, which ties the access log to the Lambda logs.
 */
import { fileURLToPath } from 'node:url';
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
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import {
  gatewayErrorHeaderMappings,
  gatewayErrorResponses,
  gatewayErrorTemplate,
} from './gateway-responses.js';
import { handlerName, routes } from './handlers/routes.js';

/** The repository root: entries, lock file and esbuild's working directory hang off it. */
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** `POWERTOOLS_SERVICE_NAME` of every function (wrap.ts names its Logger/Tracer the same). */
export const SERVICE_NAME = 'error-normalizer-demo';

/** Name of the stage, the first path segment of the API URL. */
export const STAGE_NAME = 'demo';

/**
 * A well-formed trace id nobody will ever get: the saved query filters on it, to be replaced by
 * the trace id to look for (Logs Insights saved queries take no parameters).
 */
export const PLACEHOLDER_TRACE_ID = '1-00000000-000000000000000000000000';

/** Saved query name; the `/` files it in a folder of the Logs Insights console. */
export const TRACE_QUERY_NAME = `${SERVICE_NAME}/lines-by-trace-id`;

/**
 * X-Ray's SDK (pulled in by Powertools Tracer) is CommonJS and calls `require`, which an ESM
 * bundle does not have: give it one.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

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

/**
 * One JSON object per request. Every value is quoted so a `-` (absent) never breaks the JSON,
 * except `$context.error.messageString`, which API Gateway quotes and escapes itself.
 */
const accessLogFormat = (): apigw.AccessLogFormat => {
  const fields: Record<string, string> = {
    requestId: '$context.requestId',
    extendedRequestId: '$context.extendedRequestId',
    xrayTraceId: '$context.xrayTraceId',
    // For a Lambda proxy integration, the Lambda request id (the middleware's `requestId`).
    integrationRequestId: '$context.integration.requestId',
    requestTime: '$context.requestTimeEpoch',
    httpMethod: '$context.httpMethod',
    path: '$context.path',
    resourcePath: '$context.resourcePath',
    status: '$context.status',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationStatus: '$context.integration.status',
    integrationLatency: '$context.integration.latency',
    integrationError: '$context.integration.error',
    errorType: '$context.error.responseType',
    errorMessage: '__MESSAGE_STRING__',
    sourceIp: '$context.identity.sourceIp',
    protocol: '$context.protocol',
  };
  return apigw.AccessLogFormat.custom(
    JSON.stringify(fields).replace('"__MESSAGE_STRING__"', '$context.error.messageString'),
  );
};

export class DemoStack extends Stack {
  /** Log group of each route's function, keyed by route path. */
  readonly functionLogGroups: ReadonlyMap<string, logs.LogGroup>;
  readonly accessLogGroup: logs.LogGroup;
  readonly api: apigw.RestApi;

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

    const functionLogGroups = new Map<string, logs.LogGroup>();
    for (const route of routes) {
      const name = functionId(route.path);
      const logGroup = new logs.LogGroup(this, `${name}Logs`, {
        retention: logs.RetentionDays.ONE_WEEK,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      functionLogGroups.set(route.path, logGroup);

      // Its own role, allowed to write to its own log group only (instead of the managed
      // AWSLambdaBasicExecutionRole, which allows every log group of the account).
      const role = new iam.Role(this, `${name}Role`, {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: `Runs the ${route.path} demo route.`,
      });
      logGroup.grantWrite(role);

      const fn = new NodejsFunction(this, `${name}Function`, {
        description: `GET ${route.path}: ${route.shows}`,
        entry: `${repoRoot}infra/handlers/${handlerName(route)}.ts`,
        handler: 'handler',
        projectRoot: repoRoot,
        depsLockFilePath: `${repoRoot}package-lock.json`,
        runtime: lambda.Runtime.NODEJS_24_X,
        architecture: lambda.Architecture.ARM_64,
        memorySize: 256,
        timeout: TIMEOUTS[route.path] ?? DEFAULT_TIMEOUT,
        role,
        tracing: lambda.Tracing.ACTIVE,
        loggingFormat: lambda.LoggingFormat.JSON,
        logGroup,
        environment: {
          POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
          // Stack traces of the minified bundle point at the TypeScript sources.
          NODE_OPTIONS: '--enable-source-maps',
        },
        bundling: {
          format: OutputFormat.ESM,
          mainFields: ['module', 'main'],
          banner: ESM_REQUIRE_BANNER,
          minify: true,
          // Error names matter to the classification; keep class and function names.
          keepNames: true,
          sourceMap: true,
          sourcesContent: false,
          // Bundle everything, AWS SDK included: the asset runs as tested, whatever SDK
          // version the runtime ships.
          externalModules: [],
        },
      });
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level scoping.',
      });

      this.api.root
        .addResource(handlerName(route))
        .addMethod('GET', new apigw.LambdaIntegration(fn), { requestValidator });
    }
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
  }
}
