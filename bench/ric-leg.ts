/**
 * The runtime client's leg of `npm run bench`, the orchestrator's side: Node 24 (node24.ts),
 * the `aws-lambda-ric` build (test/runtime/support/ric.ts, shared with the runtime tests), the
 * failing entries bundled as the other cold-start entries are, then the ric-cold-start.ts
 * worker on Node 24. When any of it cannot be had, says why instead of measuring.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ricBuilt, ricInstallDir } from '../test/runtime/support/ric.js';
import { ensureNode24, NODE_MAJOR } from '../test/support/node24.js';
import { runWorker, TMP } from './child.js';
import { bundle } from './cold-start.js';
import type { Summary } from './stats.js';

export const RIC_ENTRIES = ['base', 'normalizer', 'peer'] as const;
export type RicEntry = (typeof RIC_ENTRIES)[number];
/** Where the failing entries' bundles go: the instances' `LAMBDA_TASK_ROOT`. */
export const TASK_ROOT_ENV = 'BENCH_RIC_TASK_ROOT';
/** How many alternating rounds the worker runs (`npm run bench -- --ric-rounds N`). */
export const ROUNDS_ENV = 'BENCH_RIC_ROUNDS';
/**
 * Each round starts three instances (~0.1 s each here, more on a loaded machine). Per-round
 * differences of init spread over several ms on a shared machine: 60 rounds put the median's
 * own uncertainty near half a millisecond.
 */
export const DEFAULT_RIC_ROUNDS = 60;

/**
 * What is timed per instance, in ms: init (spawn to the first `next`) and the first error
 * (`next` handing the event out to the POST), each as wall time and as the client's CPU time,
 * main thread and all threads. Wall time is Lambda's definition; CPU time is what other work
 * on a shared machine disturbs far less, so the targets are judged on the main thread's.
 */
export const RIC_METRICS = [
  'initWall',
  'initCpu',
  'initCpuAll',
  'firstErrorWall',
  'firstErrorCpu',
  'firstErrorCpuAll',
] as const;
export type RicMetric = (typeof RIC_METRICS)[number];
export type RicSample = Record<RicMetric, number>;

export interface RicColdStartResult {
  /** How long the leg's rounds took, s. */
  seconds: number;
  node: string;
  ric: string;
  rounds: number;
  /** Whether CPU times were read (Linux /proc schedstat); without them the CPU metrics are NaN. */
  cpuTimes: boolean;
  /** Per metric and entry, ms. */
  ms: Record<RicMetric, Record<RicEntry, Summary>>;
  /** Per metric, the per-round differences errorNormalizer - http-error-handler, ms. */
  overPeerMs: Record<RicMetric, Summary>;
  /** Per metric, a 95% confidence interval of that median difference, ms. */
  overPeerCi95Ms: Record<RicMetric, [number, number]>;
  /**
   * Per metric, the per-round differences http-error-handler - bare middy, ms. At init the
   * peer's own cost (411 B gzip) is close to nothing, so its distance from 0 shows the run's
   * noise; on the first error bare middy's throw takes the client's `/error` path instead.
   */
  peerOverBaseMs: Record<RicMetric, Summary>;
  peerOverBaseCi95Ms: Record<RicMetric, [number, number]>;
}

/** The leg's result, or why it did not run. */
export type RicLeg = { ran: true; result: RicColdStartResult } | { ran: false; reason: string };

export const measureRicColdStart = async (
  log: (line: string) => void,
  rounds = DEFAULT_RIC_ROUNDS,
): Promise<RicLeg> => {
  let node: string;
  try {
    node = ensureNode24(`${TMP}node24`, log);
  } catch (error) {
    return { ran: false, reason: `no Node ${NODE_MAJOR}: ${(error as Error).message}` };
  }
  const installDir = ricInstallDir(NODE_MAJOR);
  if (!ricBuilt(installDir)) {
    log(`building aws-lambda-ric into ${installDir} (gcc, make, cmake; minutes, once)...`);
  }
  const taskRoot = `${TMP}cold`;
  for (const entry of RIC_ENTRIES) {
    const file = fileURLToPath(new URL(`./entries/${entry}-throws.ts`, import.meta.url));
    await bundle(file, `${entry}-throws`);
  }
  try {
    const result = await runWorker<RicColdStartResult>('ric-cold-start', [], node, {
      // Spelled out: the bundled worker cannot find the repository from where it runs.
      RIC_CACHE_DIR: dirname(installDir),
      [TASK_ROOT_ENV]: taskRoot,
      [ROUNDS_ENV]: String(rounds),
    });
    return { ran: true, result };
  } catch (error) {
    return { ran: false, reason: (error as Error).message };
  }
};
