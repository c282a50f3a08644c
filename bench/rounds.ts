/**
 * Invocation cost of each stack, in alternating rounds within one process. Each round times a
 * batch of sequential invocations per stack, every stack taking every position in turn; a
 * ratio is taken per round, then the median over rounds.
 * The cost is the process's CPU time (user + system) per invocation, which other processes on a
 * shared machine disturb far less than wall time; wall time is recorded alongside.
 */
import { context, event, type Invoke } from './fixtures.js';
import { type Summary, summarize } from './stats.js';

const ROUNDS = 51;
const BATCH_MS = 50;

const cpuNs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1_000;
};

/** ns per invocation: CPU and wall. */
const timeBatch = async (invoke: Invoke, n: number): Promise<{ cpu: number; wall: number }> => {
  const wall0 = process.hrtime.bigint();
  const cpu0 = cpuNs();
  for (let i = 0; i < n; i++) await invoke(event, context);
  const cpu = (cpuNs() - cpu0) / n;
  return { cpu, wall: Number(process.hrtime.bigint() - wall0) / n };
};

export interface PathResult {
  /** CPU ns per invocation, per stack. */
  cpuNs: Record<string, Summary>;
  /** Wall-clock ns per invocation, per stack. */
  wallNs: Record<string, Summary>;
  /** Per-round ratio of CPU time `stack / baseline`, keyed `stack/baseline`. */
  ratios: Record<string, Summary>;
  /** The same ratio on wall-clock time. */
  wallRatios: Record<string, Summary>;
  batchSize: number;
  rounds: number;
  gcBetweenBatches: boolean;
}

/**
 * `gcBetweenBatches` (needs --expose-gc): a full GC before each batch, so a batch does not pay
 * for the garbage of the previous stack. It steadies the allocation-light success path; on the
 * error path it made results noisier, so that path runs without it.
 */
export const measurePath = async (
  invokers: Record<string, Invoke>,
  pairs: [string, string][],
  { gcBetweenBatches }: { gcBetweenBatches: boolean },
): Promise<PathResult> => {
  const names = Object.keys(invokers);
  // Warm up every stack (JIT, inline caches), then size the batch to about BATCH_MS.
  for (const name of names) await timeBatch(invokers[name] as Invoke, 20_000);
  const probe = await timeBatch(invokers[names[0] as string] as Invoke, 5_000);
  const batchSize = Math.max(500, Math.round((BATCH_MS * 1e6) / probe.wall));

  const cpu: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const wall: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // Every stack takes every position in turn: rotate each round, reverse every other one.
    const rotated = names.map((_, i) => names[(i + round) % names.length] as string);
    const order = round % 2 === 0 ? rotated : rotated.reverse();
    for (const name of order) {
      if (gcBetweenBatches) globalThis.gc?.();
      const sample = await timeBatch(invokers[name] as Invoke, batchSize);
      cpu[name]?.push(sample.cpu);
      wall[name]?.push(sample.wall);
    }
  }
  const perStack = (samples: Record<string, number[]>) =>
    Object.fromEntries(names.map((n) => [n, summarize(samples[n] as number[])]));
  const paired = (samples: Record<string, number[]>) =>
    Object.fromEntries(
      pairs.map(([a, b]) => {
        const sb = samples[b] as number[];
        const perRound = (samples[a] as number[]).map((value, i) => value / (sb[i] as number));
        return [`${a}/${b}`, summarize(perRound)];
      }),
    );
  return {
    cpuNs: perStack(cpu),
    wallNs: perStack(wall),
    ratios: paired(cpu),
    wallRatios: paired(wall),
    batchSize,
    rounds: ROUNDS,
    gcBetweenBatches,
  };
};
