/**
 * One demo function, the way every route gets it: its own log group (retention, deleted with
 * the stack), its own role (writes to that log group only), an ESM bundle, X-Ray active, JSON
 * logs, and the environment that names its logs, traces and metrics.
 */
import { fileURLToPath } from 'node:url';
import { type Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { METRICS_NAMESPACE, SERVICE_NAME } from './demo-names.js';

/** The repository root: entries, lock file and esbuild's working directory hang off it. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * X-Ray's SDK (pulled in by Powertools Tracer) is CommonJS and calls `require`, which an ESM
 * bundle does not have: give it one.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** Environment of every demo function; a setting all routes share goes here. */
export const DEMO_ENVIRONMENT: Readonly<Record<string, string>> = {
  POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
  POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
  // Empty: no maintenance window. Set an end time (2026-11-29T06:00:00Z) or a duration (15m)
  // with `aws lambda update-function-configuration` to answer 503 + Retry-After (README).
  LAMBDA_ERROR_NORMALIZER_MAINTENANCE: '',
};

/**
 * How every function is bundled. Not minified and without source maps, so a stack in a log
 * line names the real functions at positions in `index.mjs` (the deployed file, readable), and
 * no `--enable-source-maps`: with it, the first `Error.stack` read of an environment parses the
 * source map, 0.1-0.4 s of CPU at 256 MB, which pushed `/slow`'s first 504 past its deadline.
 */
export const DEMO_BUNDLING: Readonly<BundlingOptions> = {
  format: OutputFormat.ESM,
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  minify: false,
  // Error names matter to the classification; keep class and function names.
  keepNames: true,
  sourceMap: false,
  // Bundle everything, AWS SDK included: the asset runs as tested, whatever SDK version the
  // runtime ships.
  externalModules: [],
};

export interface RouteFunctionProps {
  /** Construct id prefix (`Boom` gives `BoomLogs`, `BoomRole`, `BoomFunction`). */
  id: string;
  /** Handler module, relative to the repository root (`infra/handlers/boom.ts`). */
  entry: string;
  description: string;
  timeout: Duration;
  /** Settings of this function only, on top of `DEMO_ENVIRONMENT`. */
  environment?: Readonly<Record<string, string>>;
}

export interface RouteFunction {
  fn: NodejsFunction;
  logGroup: logs.LogGroup;
}

export const routeFunction = (scope: Construct, props: RouteFunctionProps): RouteFunction => {
  const logGroup = new logs.LogGroup(scope, `${props.id}Logs`, {
    retention: logs.RetentionDays.ONE_WEEK,
    removalPolicy: RemovalPolicy.DESTROY,
  });

  // Its own role, allowed to write to its own log group only (instead of the managed
  // AWSLambdaBasicExecutionRole, which allows every log group of the account).
  const role = new iam.Role(scope, `${props.id}Role`, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: `Runs the ${props.id} demo function.`,
  });
  logGroup.grantWrite(role);

  const fn = new NodejsFunction(scope, `${props.id}Function`, {
    description: props.description,
    entry: `${repoRoot}${props.entry}`,
    handler: 'handler',
    projectRoot: repoRoot,
    depsLockFilePath: `${repoRoot}package-lock.json`,
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    memorySize: 256,
    timeout: props.timeout,
    role,
    tracing: lambda.Tracing.ACTIVE,
    loggingFormat: lambda.LoggingFormat.JSON,
    logGroup,
    environment: { ...DEMO_ENVIRONMENT, ...props.environment },
    bundling: DEMO_BUNDLING,
  });
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level scoping.',
  });
  return { fn, logGroup };
};
