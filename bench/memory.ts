/**
 * Worker (run with --expose-gc): heap growth over 1,000,000 failing invocations of the
 * errorNormalizer stack. heapUsed is read after two full GCs before and after, with
 * checkpoints in between to show a trend rather than a single difference.
 */
import { reply } from './child.js';
import { context, event, failingHandler, stacks } from './fixtures.js';

const INVOCATIONS = 1_000_000;
const CHECKPOINTS = 4;

export interface MemoryResult {
  invocations: number;
  /** heapUsed after GC, bytes: before the run and at each checkpoint. */
  heapUsedAfterGc: number[];
  growthBytes: number;
  seconds: number;
}

const settledHeap = (): number => {
  const gc = globalThis.gc;
  if (gc === undefined) throw new Error('memory worker needs --expose-gc');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

await reply<MemoryResult>(async () => {
  const invoke = stacks.normalizer.build(failingHandler);
  for (let i = 0; i < 10_000; i++) await invoke(event, context); // warm-up: JIT, lazy state
  const heap = [settledHeap()];
  const start = performance.now();
  for (let checkpoint = 0; checkpoint < CHECKPOINTS; checkpoint++) {
    for (let i = 0; i < INVOCATIONS / CHECKPOINTS; i++) await invoke(event, context);
    heap.push(settledHeap());
  }
  return {
    invocations: INVOCATIONS,
    heapUsedAfterGc: heap,
    growthBytes: (heap.at(-1) as number) - (heap[0] as number),
    seconds: (performance.now() - start) / 1_000,
  };
});
