/** core/describe-error.ts: one description, however wide and deep the chain, stays one bounded log line. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeError, MAX_DESCRIBED_CHARS } from '../../src/core/describe-error.js';
import { compileRedaction } from '../../src/core/redact/index.js';

const redact = compileRedaction(undefined);

/** A tree of distinct errors: `width` aggregate members and a cause at every level. */
const tree = (width: number, depth: number, size: number): Error => {
  const big = (label: string) => {
    const error = new Error(`${label} ${'m'.repeat(size)}`);
    error.stack = `Error: ${label}\n${'    at frame (/var/task/index.js:1:1)\n'.repeat(size / 40)}`;
    return error;
  };
  if (depth === 0) return big('leaf');
  const members = Array.from({ length: width }, () => tree(width, depth - 1, size));
  return Object.assign(new AggregateError(members, 'level'), { cause: big('cause') });
};

describe('the size of one description', () => {
  it('stays under CloudWatch’s 256 KB event size for any chain', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 100, max: 30_000 }),
        (width, depth, size) => {
          const described = describeError(tree(width, depth, size), redact);
          expect(JSON.stringify(described).length).toBeLessThan(256_000);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('marks where the budget cut the chain, and keeps the thrown error itself whole', () => {
    const described = describeError(tree(5, 3, 30_000), redact);
    expect(described.message.startsWith('level')).toBe(true);
    expect(described.cause?.message.length).toBeGreaterThan(8_000);
    expect(JSON.stringify(described)).toContain('"truncated":true');
  });

  it('leaves a chain within the budget as it was', () => {
    const described = describeError(tree(2, 2, 1_000), redact);
    expect(JSON.stringify(described).length).toBeLessThan(MAX_DESCRIBED_CHARS);
    expect(JSON.stringify(described)).not.toContain('truncated');
  });
});
