/**
 * The functions as they would be deployed: the real `cdk synth demo` (local esbuild, no
 * Docker), each GET route followed from its API method to its function and asset folder, with
 * the settings Lambda would start it with. Plus the `/stream` function URL, synthesized from
 * its own construct in a small app until the demo stack carries it.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { App, Stack } from 'aws-cdk-lib';
import { routes } from '../../../infra/handlers/routes.js';
import { StreamFunctionUrl } from '../../../infra/stream-url.js';
import { repoRoot } from '../../support/lambda.js';

const run = promisify(execFile);

/** What Lambda needs to start one function. */
export interface DeployedFunction {
  functionId: string;
  /** Asset folder: `LAMBDA_TASK_ROOT`. */
  taskRoot: string;
  /** `_HANDLER`. */
  handler: string;
  timeoutSeconds: number;
  memorySize: number;
  environment: Record<string, string>;
}

type Resource = { Type: string; Properties: Record<string, unknown> };
type Manifest = { files: Record<string, { source: { path: string } }> };

/** The first `Fn::GetAtt: [id, 'Arn']` inside an intrinsic (the integration URI's function). */
const getAttTarget = (value: unknown): string | undefined => {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = getAttTarget(item);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    const getAtt = (value as Record<string, unknown>)['Fn::GetAtt'];
    if (Array.isArray(getAtt) && getAtt[1] === 'Arn') return String(getAtt[0]);
    for (const item of Object.values(value)) {
      const found = getAttTarget(item);
      if (found) return found;
    }
  }
  return undefined;
};

const deployedFunction = (
  outdir: string,
  resources: Record<string, Resource>,
  manifest: Manifest,
  functionId: string,
): DeployedFunction => {
  const fn = resources[functionId];
  if (fn?.Type !== 'AWS::Lambda::Function') throw new Error(`${functionId} is not a function`);
  const key = (fn.Properties.Code as { S3Key: string }).S3Key;
  const asset = manifest.files[key.replace(/\.zip$/, '')];
  if (asset === undefined) throw new Error(`No asset ${key} for ${functionId}`);
  const variables = (fn.Properties.Environment as { Variables?: Record<string, string> })
    ?.Variables;
  return {
    functionId,
    taskRoot: path.join(outdir, asset.source.path),
    handler: fn.Properties.Handler as string,
    timeoutSeconds: fn.Properties.Timeout as number,
    memorySize: fn.Properties.MemorySize as number,
    environment: { ...variables },
  };
};

const readSynth = async (outdir: string, stackName: string) => ({
  resources: (
    JSON.parse(await readFile(path.join(outdir, `${stackName}.template.json`), 'utf8')) as {
      Resources: Record<string, Resource>;
    }
  ).Resources,
  manifest: JSON.parse(
    await readFile(path.join(outdir, `${stackName}.assets.json`), 'utf8'),
  ) as Manifest,
});

/** `cdk synth demo` into `outdir`; every demo route's function, keyed by route path. */
export const synthDemo = async (outdir: string): Promise<Record<string, DeployedFunction>> => {
  await run('npx', ['cdk', 'synth', 'demo', '--quiet', '--no-notices', '--output', outdir], {
    cwd: repoRoot,
    env: {
      ...process.env,
      CDK_DISABLE_CLI_TELEMETRY: 'true',
      CDK_DISABLE_VERSION_CHECK: 'true',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  const { resources, manifest } = await readSynth(outdir, 'demo');
  const deployed: Record<string, DeployedFunction> = {};
  // Route path -> API resource -> GET method -> integration -> function -> asset folder.
  for (const route of routes) {
    const resourceId = Object.entries(resources).find(
      ([, r]) =>
        r.Type === 'AWS::ApiGateway::Resource' && r.Properties.PathPart === route.path.slice(1),
    )?.[0];
    const method = Object.values(resources).find(
      (r) =>
        r.Type === 'AWS::ApiGateway::Method' &&
        r.Properties.HttpMethod === 'GET' &&
        (r.Properties.ResourceId as { Ref?: string }).Ref === resourceId,
    );
    const functionId = getAttTarget((method?.Properties.Integration as { Uri?: unknown })?.Uri);
    if (functionId === undefined) throw new Error(`No Lambda function behind GET ${route.path}`);
    deployed[route.path] = deployedFunction(outdir, resources, manifest, functionId);
  }
  return deployed;
};

/** The `/stream` function, bundled by its construct as the demo stack will bundle it. */
export const synthStream = async (outdir: string): Promise<DeployedFunction> => {
  const app = new App({ outdir });
  const stack = new Stack(app, 'stream');
  const route = new StreamFunctionUrl(stack, 'Stream');
  app.synth();
  const { resources, manifest } = await readSynth(outdir, 'stream');
  return deployedFunction(
    outdir,
    resources,
    manifest,
    stack.getLogicalId(route.function.node.defaultChild as never),
  );
};
