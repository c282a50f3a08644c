/**
 * The `demo` app as `cdk synth` builds it (same feature flags, cdk-nag plugin), minus the
 * esbuild bundling: bundled-assets.test.ts runs the real `cdk synth` and the bundles; these
 * tests read the template only, and synthesize in a second instead of forty.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DemoStack, functionId } from '../../infra/demo-stack.js';
import { routes } from '../../infra/handlers/routes.js';

/** Every path served by a function: the API's routes, then the `/stream` function URL. */
export const FUNCTION_PATHS: readonly string[] = [...routes.map((route) => route.path), '/stream'];

export type Resource = {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
};

export const cdkJson = JSON.parse(
  readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'),
) as { app: string; context: Record<string, unknown> };

export interface SynthesizedDemo {
  app: App;
  stack: DemoStack;
  template: Template;
  resources: Record<string, Resource>;
  ofType: (type: string) => [string, Resource][];
  /** The logical id of a route's Lambda function, by its construct path. */
  functionLogicalId: (path: string) => string;
  /** The logical id of a construct's default CloudFormation resource. */
  logicalIdOf: (construct: { node: { defaultChild?: unknown } }) => string;
  cleanup: () => void;
}

export const synthDemo = (): SynthesizedDemo => {
  const outdir = mkdtempSync(join(tmpdir(), 'demo-stack-test-'));
  const app = new App({
    outdir,
    // No stack is bundled: the functions get a placeholder asset.
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] },
  });
  const stack = new DemoStack(app, 'demo');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  // Synthesizes the app and runs the validation plugins: an unacknowledged cdk-nag error
  // would already throw here.
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources as Record<string, Resource>;
  const logicalIdOf = (construct: { node: { defaultChild?: unknown } }): string =>
    stack.getLogicalId(construct.node.defaultChild as never);
  return {
    app,
    stack,
    template,
    resources,
    ofType: (type) => Object.entries(resources).filter(([, resource]) => resource.Type === type),
    functionLogicalId: (path) => {
      // The streamed route is a construct of its own, holding its function.
      const parent = path === '/stream' ? stack.node.findChild('Stream') : stack;
      const id = logicalIdOf(parent.node.findChild(`${functionId(path)}Function`));
      if (resources[id]?.Type !== 'AWS::Lambda::Function') throw new Error(`No function ${id}`);
      return id;
    },
    logicalIdOf,
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
};
