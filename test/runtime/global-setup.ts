/**
 * Once per run of the runtime leg: the runtime client (built into its cache folder the first
 * time) and the synthesized bundles, shared by every test file through `inject`.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { repoRoot } from '../support/lambda.js';
import { type DeployedFunction, synthDemo, synthStream } from './support/deployed.js';
import { ensureRic } from './support/ric.js';

declare module 'vitest' {
  export interface ProvidedContext {
    ricEntry: string;
    /** Demo route path -> its deployed function. */
    demoFunctions: Record<string, DeployedFunction>;
    streamFunction: DeployedFunction;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const ricEntry = await ensureRic();
  // Inside the repository (cdk.out is git- and biome-ignored), like a developer's own synth.
  await mkdir(path.join(repoRoot, 'cdk.out'), { recursive: true });
  const outdir = await mkdtemp(path.join(repoRoot, 'cdk.out', 'runtime-leg-'));
  const [demoFunctions, streamFunction] = await Promise.all([
    synthDemo(path.join(outdir, 'demo')),
    synthStream(path.join(outdir, 'stream')),
  ]);
  project.provide('ricEntry', ricEntry);
  project.provide('demoFunctions', demoFunctions);
  project.provide('streamFunction', streamFunction);
  return async () => {
    await rm(outdir, { recursive: true, force: true });
  };
}
