/**
 * The `/stream` function URL construct, synthesized (with real esbuild bundling) in a small
 * stack of its own, as the demo stack will hold it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamFunctionUrl } from '../../infra/stream-url.js';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

let outdir: string;
let app: App;
let stack: Stack;
let route: StreamFunctionUrl;
let template: Template;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'stream-url-test-'));
  app = new App({ outdir, context: cdkJson.context });
  stack = new Stack(app, 'stream');
  route = new StreamFunctionUrl(stack, 'Stream');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  template = Template.fromStack(stack);
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

describe('StreamFunctionUrl', () => {
  it('is a public function URL in RESPONSE_STREAM mode, with CORS exposing the ids', () => {
    template.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'NONE',
      InvokeMode: 'RESPONSE_STREAM',
      TargetFunctionArn: {
        'Fn::GetAtt': [stack.getLogicalId(route.function.node.defaultChild as never), 'Arn'],
      },
      Cors: Match.objectLike({
        AllowOrigins: ['*'],
        AllowMethods: ['GET'],
        ExposeHeaders: ['X-Trace-Id', 'X-Request-Id'],
      }),
    });
    // Anyone may call a NONE URL, and only through the URL.
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunctionUrl',
      Principal: '*',
      FunctionUrlAuthType: 'NONE',
    });
  });

  it('runs the stream handler like the demo routes: Node 24, ESM bundle, traced, JSON logs', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
      Environment: {
        Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'error-normalizer-demo' }),
      },
    });
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
  });

  it('outputs the URL', () => {
    const outputs = Object.values(template.toJSON().Outputs as Record<string, unknown>);
    expect(outputs).toEqual([
      expect.objectContaining({
        Value: {
          'Fn::GetAtt': [stack.getLogicalId(route.url.node.defaultChild as never), 'FunctionUrl'],
        },
      }),
    ]);
  });

  it('leaves no cdk-nag (AwsSolutions) finding and no warning', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.map((v) => `${v.severity} ${v.ruleName}: ${v.description}`)).toEqual(
      [],
    );
    const annotations = Annotations.fromStack(stack);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
  });
});
