/**
 * The links of a thrown value that rules look at: the value, its `cause` chain and
 * `AggregateError` members, bounded and cycle-safe.
 */
import { isObject, read } from './describe-error.js';

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

/**
 * The chain of the value `classify` is classifying now: three default rules walk it, so it is
 * read once per classification (and never kept past it: a thrown object may be thrown again
 * with another cause).
 */
let walking: { error: unknown; links: unknown[] | undefined } | undefined;

const chainOf = (error: unknown): Iterable<unknown> => {
  if (walking === undefined || walking.error !== error) return errorChain(error);
  walking.links ??= [...errorChain(error)];
  return walking.links;
};

/** Whether some link of the chain passes `test`. */
export const someInChain = (error: unknown, test: (link: unknown) => boolean): boolean => {
  for (const link of chainOf(error)) if (test(link)) return true;
  return false;
};

/** Runs `classifying` with the chain of `error` read once for every rule that walks it. */
export const walkingChainOf = <T>(error: unknown, classifying: () => T): T => {
  walking = { error, links: undefined };
  try {
    return classifying();
  } finally {
    walking = undefined;
  }
};
