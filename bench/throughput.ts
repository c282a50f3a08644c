/**
 * Worker (run with --expose-gc): the success path and the error path of every stack named in
 * pairs.ts (method: rounds.ts), with the per-round ratio of each pair. Each path has a control
 * pair of two stacks that do the same work, whose ratio should be 1: how far it strays is the
 * noise floor of that run.
 */
import { reply } from './child.js';
import { failingHandler, type Handler, okHandler } from './fixtures.js';
import { PAIRS, type Path, stacksOf } from './pairs.js';
import { measurePath, type PathResult } from './rounds.js';

export type ThroughputResult = Record<Path, PathResult>;

const measure = (path: Path, handler: Handler, gcBetweenBatches: boolean) =>
  measurePath(
    Object.fromEntries(stacksOf(path).map((stack) => [stack.name, stack.build(handler)])),
    PAIRS.filter((pair) => pair.path === path).map((pair) => [
      pair.subject.name,
      pair.baseline.name,
    ]),
    { gcBetweenBatches },
  );

await reply<ThroughputResult>(async () => ({
  success: await measure('success', okHandler, true),
  error: await measure('error', failingHandler, false),
}));
