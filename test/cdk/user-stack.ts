/**
 * Users' stacks, the way a team writes them: their own functions (inline code, no bundling),
 * their own APIs; then the constructs. Checked with cdk-nag's AwsSolutions rules like the demo.
 */
import { readFileSync } from 'node:fs';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';

export type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

/** A new app and stack with the repository's feature flags. */
export const userStack = (
  id = 'users',
  flags: Record<string, unknown> = {},
): { app: App; stack: Stack } => {
  const app = new App({ context: { ...cdkJson.context, ...flags } });
  return { app, stack: new Stack(app, id) };
};

/** A user's function with a log group of its own (retention, deleted with the stack). */
export const userFunction = (stack: Stack, id: string, withLogGroup = true): lambda.Function =>
  new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('export const handler = async () => ({ statusCode: 200 });'),
    ...(withLogGroup
      ? {
          logGroup: new logs.LogGroup(stack, `${id}Logs`, {
            retention: logs.RetentionDays.ONE_WEEK,
            removalPolicy: RemovalPolicy.DESTROY,
          }),
        }
      : {}),
  });

/** The synthesized template and its resources. */
export const synth = (stack: Stack) => {
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources as Record<string, Resource>;
  return {
    template,
    resources,
    ofType: (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type),
  };
};

/**
 * cdk-nag findings on the constructs' own resources (paths under `prefix`): a user's API
 * triggers findings of its own (no authorizer, no WAF...), which are theirs to decide.
 */
export const nagFindingsUnder = (app: App, prefix: string): string[] =>
  new AwsSolutionsChecks()
    .validateScope(app)
    .violations.flatMap((v) =>
      v.violatingResources
        .filter((r) => r.constructPath?.includes(prefix))
        .map((r) => `${v.ruleName} ${r.constructPath}`),
    );

/** Every cdk-nag finding, for the check that the rules are live. */
export const nagRules = (app: App): string[] =>
  new AwsSolutionsChecks().validateScope(app).violations.map((v) => v.ruleName);
