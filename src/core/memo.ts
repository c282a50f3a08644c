/**
 * A bounded memo for computations over repeating text (key names, stacks): each distinct key is
 * computed once, and memory stays bounded because a full table is emptied rather than grown
 * (cheaper than LRU bookkeeping, and the next keys refill it).
 */

/**
 * Returns `build()`'s value, built on the first call: the redaction tables' big expressions are
 * compiled when the first error needs them, not in every cold start's init.
 */
export const lazy = <V>(build: () => V): (() => V) => {
  let value: V | undefined;
  return () => {
    value ??= build();
    return value;
  };
};

/** A lookup that answers `compute()` for a key it does not remember, and its memory otherwise. */
export type Memo<V> = (key: string, compute: () => V) => V;

/**
 * Returns a lookup that answers `compute()` for a key not seen since the table was last emptied,
 * and the remembered answer otherwise; at most `max` keys are kept.
 */
export const boundedMemo = <V>(max: number): Memo<V> => {
  const known = new Map<string, V>();
  return (key, compute) => {
    let value = known.get(key);
    if (value === undefined) {
      value = compute();
      if (known.size >= max) known.clear();
      known.set(key, value);
    }
    return value;
  };
};
