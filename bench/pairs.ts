/**
 * The compared pairs of `npm run bench` on the success and error paths: one entry each. The
 * throughput worker measures, per path, every stack named here (in alternating rounds, one
 * process) and the per-round ratio of each pair; run.ts judges each against its limit.
 *
 * To compare a new stack, add one entry; the stacks of an entry may be written inline:
 *   { label: 'success: withErrorNormalizer / bare handler', path: 'success',
 *     subject: { name: 'wrapped', build: (h) => withErrorNormalizer(h, { logger }) },
 *     baseline: { name: 'plain', build: (h) => h }, limit: 1.05 },
 */
import { type Stack, stacks } from './fixtures.js';

export type Path = 'success' | 'error';

export interface Pair {
  /** The row of the results table. */
  label: string;
  path: Path;
  subject: Stack;
  baseline: Stack;
  /**
   * Largest accepted median of the per-round CPU-time ratio subject / baseline. A control pair
   * (two stacks doing the same work) has none: its distance from 1 is the run's noise.
   */
  limit?: number;
}

/** The ratio's key in the results: `subject/baseline`. */
export const pairKey = (pair: Pair): string => `${pair.subject.name}/${pair.baseline.name}`;

export const PAIRS: readonly Pair[] = [
  {
    label: 'success: errorNormalizer / http-error-handler',
    path: 'success',
    subject: stacks.normalizer,
    baseline: stacks.peer,
    limit: 1.05,
  },
  {
    label: 'success: errorNormalizer / bare middy',
    path: 'success',
    subject: stacks.normalizer,
    baseline: stacks.bare,
    limit: 1.25,
  },
  {
    // The plain door's success path: a maintenance check and the result check, no framework.
    // The bare handler costs about half a microsecond, and one more async function and await
    // alone cost about 0.2 µs: the ratio magnifies what is a quarter of a microsecond.
    label: 'success: withErrorNormalizer / bare handler',
    path: 'success',
    subject: stacks.wrapped,
    baseline: stacks.plain,
    limit: 1.5,
  },
  {
    // http-error-handler has no success-path hook: the same work as bare middy.
    label: 'success control: http-error-handler / bare middy',
    path: 'success',
    subject: stacks.peer,
    baseline: stacks.bare,
  },
  {
    label: 'error: errorNormalizer / by-hand middleware',
    path: 'error',
    subject: stacks.normalizer,
    baseline: stacks.byHand,
    limit: 1.05,
  },
  {
    label: 'error: errorNormalizer / http-error-handler',
    path: 'error',
    subject: stacks.normalizer,
    baseline: stacks.peer,
    limit: 1.2,
  },
  {
    label: 'error control: http-error-handler / a second one',
    path: 'error',
    subject: { ...stacks.peer, name: 'peer2' },
    baseline: stacks.peer,
  },
];

/** The stacks a path measures, each once, in the order the pairs name them. */
export const stacksOf = (path: Path): Stack[] => {
  const byName = new Map<string, Stack>();
  for (const pair of PAIRS.filter((entry) => entry.path === path)) {
    for (const stack of [pair.subject, pair.baseline]) {
      if (!byName.has(stack.name)) byName.set(stack.name, stack);
    }
  }
  return [...byName.values()];
};
