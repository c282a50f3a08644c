/**
 * CPU time of another process, read from Linux's /proc: `schedstat` counts each thread's time
 * on a CPU in nanoseconds (`stat`'s ticks are 10 ms, far too coarse for a cold start). Exact
 * for a thread that is waiting, as the runtime client is while the Runtime API holds its
 * request; for a thread on a CPU at that instant it lags by at most a scheduler tick.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessCpu {
  /** ms on a CPU of the main thread: JavaScript's, the critical path of a cold start. */
  main: number;
  /** ms on a CPU of all threads (GC helpers, compiler, libuv pool, the native client's). */
  all: number;
}

const threadMs = (pid: number, tid: string): number => {
  const ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
  return ns / 1e6;
};

/** The CPU time of `pid` so far, or `undefined` where /proc has no schedstat (not Linux). */
export const processCpu = (pid: number | undefined): ProcessCpu | undefined => {
  if (pid === undefined) return undefined;
  try {
    const tids = readdirSync(`/proc/${pid}/task`);
    const all = tids.reduce((sum, tid) => {
      try {
        return sum + threadMs(pid, tid);
      } catch {
        return sum; // a thread that ended meanwhile
      }
    }, 0);
    return { main: threadMs(pid, String(pid)), all };
  } catch {
    return undefined;
  }
};
