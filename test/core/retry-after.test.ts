/**
 * `Retry-After` is always whole seconds from 0 to a day, whatever a rule, the option or a far
 * maintenance window asks for.
 */
import { describe, expect, it } from 'vitest';
import { classify, MAX_RETRY_AFTER_SECONDS, retryAfterSeconds } from '../../src/core/classify.js';
import { maintenance } from '../../src/core/maintenance.js';

describe('retryAfterSeconds', () => {
  it.each([
    [0, 0],
    [1, 1],
    [1.2, 2],
    [3_600, 3_600],
    [86_400, 86_400],
    [86_401, MAX_RETRY_AFTER_SECONDS],
    [1e21, MAX_RETRY_AFTER_SECONDS],
    [Number.POSITIVE_INFINITY, MAX_RETRY_AFTER_SECONDS],
    [-1, undefined],
    [Number.NaN, undefined],
    ['30', undefined],
    [null, undefined],
  ])('%s -> %s', (value, expected) => {
    expect(retryAfterSeconds(value)).toBe(expected);
  });
});

describe('Retry-After from rules', () => {
  const rule = (retryAfter: unknown) => () => ({ status: 503, retryAfter }) as never;

  it.each([1e21, -1, Number.NaN, '30', Number.POSITIVE_INFINITY, 0.5])(
    'a rule answering retryAfter %s gives a bounded integer',
    (value) => {
      const { retryAfter } = classify(new Error('x'), [rule(value)], 7);
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(0);
      expect(retryAfter).toBeLessThanOrEqual(MAX_RETRY_AFTER_SECONDS);
    },
  );

  it('falls back to the default for values that are not seconds, and caps the rest', () => {
    expect(classify(new Error('x'), [rule(-1)], 7).retryAfter).toBe(7);
    expect(classify(new Error('x'), [rule('30')], 7).retryAfter).toBe(7);
    expect(classify(new Error('x'), [rule(1e21)], 7).retryAfter).toBe(MAX_RETRY_AFTER_SECONDS);
  });
});

describe('Retry-After of a maintenance window', () => {
  it('is at most a day for a window a year away', () => {
    const window = maintenance(new Date(Date.now() + 365 * 86_400_000));
    expect(window.open()?.secondsLeft).toBe(MAX_RETRY_AFTER_SECONDS);
  });
});
