/**
 * Worker (run with --expose-gc): the success path and the error path of each stack (method:
 * rounds.ts). Each path has a control pair of two stacks that do the same work, whose ratio
 * should be 1: how far it strays is the noise floor of that run.
 */
import { reply } from './child.js';
import { failingHandler, okHandler, stacks } from './fixtures.js';
import { measurePath, type PathResult } from './rounds.js';

export interface ThroughputResult {
  success: PathResult;
  error: PathResult;
}

await reply<ThroughputResult>(async () => {
  const success = await measurePath(
    {
      normalizer: stacks.normalizer(okHandler),
      peer: stacks.peer(okHandler),
      bare: stacks.bare(okHandler),
    },
    [
      ['normalizer', 'peer'],
      ['normalizer', 'bare'],
      // Control: http-error-handler has no success-path hook; the same work as bare middy.
      ['peer', 'bare'],
    ],
    { gcBetweenBatches: true },
  );
  const error = await measurePath(
    {
      normalizer: stacks.normalizer(failingHandler),
      peer: stacks.peer(failingHandler),
      peer2: stacks.peer(failingHandler),
    },
    [
      ['normalizer', 'peer'],
      // Control: a second, identical http-error-handler stack.
      ['peer2', 'peer'],
    ],
    { gcBetweenBatches: false },
  );
  return { success, error };
});
