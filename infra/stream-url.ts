/**
 * The `/stream` demo route: a function URL in `RESPONSE_STREAM` mode, the way browsers are
 * streamed model output. API Gateway REST buffers Lambda answers, so this route has its own
 * URL instead of a method on the demo API.
 *
 * Public (`authType: NONE`) like the rest of the demo, which is meant to be called anonymously
 * from a browser page or curl; AWS_IAM would need signed requests no browser page makes.
 */
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** X-Ray's SDK (pulled in by Powertools Tracer) is CommonJS and calls `require`. */
const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

export interface StreamFunctionUrlProps {
  /** `POWERTOOLS_SERVICE_NAME`. Default: `error-normalizer-demo`. */
  serviceName?: string;
}

/** The streamed route's function, its log group and its public function URL. */
export class StreamFunctionUrl extends Construct {
  readonly function: NodejsFunction;
  readonly url: lambda.FunctionUrl;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: StreamFunctionUrlProps = {}) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_WEEK,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Its own role, allowed to write to its own log group only.
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Runs the /stream demo route.',
    });
    this.logGroup.grantWrite(role);

    this.function = new NodejsFunction(this, 'Function', {
      description: 'GET /stream: a streamed answer; ?fail=before or ?fail=after to break it',
      entry: `${repoRoot}infra/handlers/stream.ts`,
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: `${repoRoot}package-lock.json`,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.seconds(10),
      role,
      tracing: lambda.Tracing.ACTIVE,
      loggingFormat: lambda.LoggingFormat.JSON,
      logGroup: this.logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName ?? 'error-normalizer-demo',
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        keepNames: true,
        sourceMap: true,
        sourcesContent: false,
        externalModules: [],
      },
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level scoping.',
    });

    this.url = this.function.addFunctionUrl({
      authType: lambda.FunctionUrlAuthType.NONE,
      invokeMode: lambda.InvokeMode.RESPONSE_STREAM,
      // The demo page may read the stream and the error ids from any origin.
      cors: {
        allowedOrigins: ['*'],
        allowedMethods: [lambda.HttpMethod.GET],
        exposedHeaders: ['X-Trace-Id', 'X-Request-Id'],
      },
    });
    new CfnOutput(this, 'Url', {
      description: 'Streamed demo route: append ?fail=before or ?fail=after to break it.',
      value: this.url.url,
    });
  }
}
