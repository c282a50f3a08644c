/**
 * The demo's functions as `cdk synth` leaves them: each GET route followed from its API method
 * to its function and asset folder, with the settings Lambda would start it with.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { routes } from '../../infra/handlers/routes.js';
import { repoRoot } from './lambda.js';

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

export type Resource = { Type: string; Properties: Record<string, unknown> };
type Manifest = { files: Record<string, { source: { path: string } }> };
export interface Synthesized {
  resources: Record<string, Resource>;
  manifest: Manifest;
}

/** The real `cdk synth demo` (local esbuild, no Docker) into `outdir`; what it printed. */
export const cdkSynthDemo = (outdir: string, timeout?: number) =>
  run('npx', ['cdk', 'synth', 'demo', '--quiet', '--no-notices', '--output', outdir], {
    cwd: repoRoot,
    env: {
      ...process.env,
      CDK_DISABLE_CLI_TELEMETRY: 'true',
      CDK_DISABLE_VERSION_CHECK: 'true',
      // No credentials here: do not let the SDK probe an instance metadata endpoint.
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    maxBuffer: 64 * 1024 * 1024,
    ...(timeout === undefined ? {} : { timeout }),
  });

/** The template and asset manifest of `stackName` in a synth's `outdir`. */
export const readSynth = async (outdir: string, stackName: string): Promise<Synthesized> => ({
  resources: (
    JSON.parse(await readFile(path.join(outdir, `${stackName}.template.json`), 'utf8')) as {
      Resources: Record<string, Resource>;
    }
  ).Resources,
  manifest: JSON.parse(
    await readFile(path.join(outdir, `${stackName}.assets.json`), 'utf8'),
  ) as Manifest,
});

/** The first `Fn::GetAtt: [id, 'Arn']` inside an intrinsic (the integration URI's function). */
export const getAttTarget = (value: unknown): string | undefined => {
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

/** The function `functionId` of a synth in `outdir`, with its asset folder. */
export const deployedFunction = (
  outdir: string,
  { resources, manifest }: Synthesized,
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

/** Every demo route's function in the demo synth of `outdir`, keyed by route path. */
export const demoRouteFunctions = (
  outdir: string,
  synthesized: Synthesized,
): Record<string, DeployedFunction> => {
  const { resources } = synthesized;
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
    deployed[route.path] = deployedFunction(outdir, synthesized, functionId);
  }
  return deployed;
};
