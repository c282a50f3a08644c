/**
 * The links of a thrown value that rules look at: the value, its `cause` chain and
 * `AggregateError` members, bounded and cycle-safe.
 */
import { isObject, read } from './read.js';

const MAX_CHAIN = 8;

/**
 * Yields the thrown value, then its `cause` chain and `AggregateError` members, breadth-first,
 * bounded and cycle-safe. `fetch` wraps a refused connection as `TypeError: fetch failed` with
 * the socket error in `cause`, so network rules must look below the surface.
 */
export function* errorChain(error: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < MAX_CHAIN) {
    const current = queue.shift();
    if (!isObject(current) || seen.has(current)) continue;
    seen.add(current);
    yield current;
    const cause = read(current, 'cause');
    if (cause !== undefined) queue.push(cause);
    const errors = read(current, 'errors');
    if (Array.isArray(errors)) queue.push(...errors.slice(0, 4));
  }
}

/** Whether some link of the chain passes `test`. The chain is at most eight links: walking it
 * anew for each rule costs less than keeping it anywhere. */
export const someInChain = (error: unknown, test: (link: unknown) => boolean): boolean => {
  for (const link of errorChain(error)) if (test(link)) return true;
  return false;
};
