/** core/memo.ts: each distinct key computed once; never more than `max` keys kept. */
import { describe, expect, it } from 'vitest';
import { boundedMemo } from '../../src/core/memo.js';

describe('boundedMemo', () => {
  it('computes a key once and answers the remembered value after', () => {
    const remember = boundedMemo<number>(4);
    let calls = 0;
    const square = (n: number) => () => {
      calls++;
      return n * n;
    };
    expect(remember('3', square(3))).toBe(9);
    expect(remember('3', square(99))).toBe(9);
    expect(remember('4', square(4))).toBe(16);
    expect(calls).toBe(2);
  });

  it('empties a full table, so memory stays bounded and old keys are computed again', () => {
    const remember = boundedMemo<string>(2);
    const seen: string[] = [];
    const upper = (key: string) => () => {
      seen.push(key);
      return key.toUpperCase();
    };
    for (const key of ['a', 'b', 'a', 'c', 'a']) remember(key, upper(key));
    // 'a' and 'b' fill it; 'c' empties it first, so the last 'a' is computed again.
    expect(seen).toEqual(['a', 'b', 'c', 'a']);
  });
});
