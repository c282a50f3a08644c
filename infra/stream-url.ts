/**
 * The `/stream` demo route: a function URL in `RESPONSE_STREAM` mode, the way browsers are
 * streamed model output. API Gateway REST buffers Lambda answers, so this route has its own
 * URL instead of a method on the demo API.
 *
 * Public (`authType: NONE`) like the rest of the demo, which is meant to be called anonymously
 * from a browser page or curl; AWS_IAM would need signed requests no browser page makes.
 */
import { CfnOutput, Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { routeFunction } from './route-function.js';

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
    // Built like every demo route: same bundling (no source map cliff), role, logs, tracing.
    const { fn, logGroup } = routeFunction(this, {
      id: 'Stream',
      entry: 'infra/handlers/stream.ts',
      description: 'GET /stream: a streamed answer; ?fail=before or ?fail=after to break it',
      timeout: Duration.seconds(10),
      ...(props.serviceName === undefined
        ? {}
        : { environment: { POWERTOOLS_SERVICE_NAME: props.serviceName } }),
    });
    this.function = fn;
    this.logGroup = logGroup;

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
    const output = new CfnOutput(this, 'Url', {
      description: 'Streamed demo route: append ?fail=before or ?fail=after to break it.',
      value: this.url.url,
    });
    // A stable output name, as the stack's others: scripts read it.
    output.overrideLogicalId('StreamUrl');
  }
}
