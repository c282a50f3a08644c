/** core/describe-error.ts: one description, however wide and deep the chain, stays one bounded log line. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeError, MAX_DESCRIBED_BYTES } from '../../src/core/describe-error.js';
import { compileRedaction } from '../../src/core/redact/index.js';

const redact = compileRedaction(undefined);
/** CloudWatch's event size in Lambda's own quotas. */
const EVENT_BYTES = 256 * 1024;
const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/** A tree of distinct errors: `width` aggregate members and a cause at every level. */
const tree = (width: number, depth: number, size: number, unit = 'm'): Error => {
  const big = (label: string) => {
    const error = new Error(`${label} ${unit.repeat(size)}`);
    error.stack = `Error: ${label}\n${`    at frame (/var/task/index.js:1:1) ${unit.repeat(20)}\n`.repeat(size / 60)}`;
    return Object.assign(error, { detail: unit.repeat(size), note: unit.repeat(size) });
  };
  if (depth === 0) return big('leaf');
  const members = Array.from({ length: width }, () => tree(width, depth - 1, size, unit));
  return Object.assign(new AggregateError(members, 'level'), { cause: big('cause') });
};

describe('the size of one description', () => {
  it('stays under CloudWatch’s 256 KB event size for any chain and any characters', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 30_000 }),
        // ASCII, quotes (2 bytes in JSON), a euro sign (3 in UTF-8), a control character (6).
        fc.constantFrom('m', '"', '€', '\u0001'),
        (width, depth, size, unit) => {
          expect(jsonBytes(describeError(tree(width, depth, size, unit), redact))).toBeLessThan(
            EVENT_BYTES,
          );
        },
      ),
      { numRuns: 30 },
    );
  });

  it('counts what each error costs besides its strings: thousands of tiny ones stay bounded', () => {
    // Five members of five members, six deep: 19,531 errors with empty messages.
    // No stacks: only the cost counted for each error bounds them.
    const tiny = (depth: number): Error =>
      Object.assign(
        depth === 0
          ? new Error('')
          : new AggregateError(
              Array.from({ length: 5 }, () => tiny(depth - 1)),
              '',
            ),
        { stack: undefined },
      );
    expect(jsonBytes(describeError(tiny(6), redact))).toBeLessThan(EVENT_BYTES);
  });

  it('marks where the budget cut the chain, and keeps the thrown error itself whole', () => {
    const described = describeError(tree(5, 3, 30_000), redact);
    expect(described.message.startsWith('level')).toBe(true);
    expect(described.cause?.message.length).toBeGreaterThan(8_000);
    expect(JSON.stringify(described)).toContain('"truncated":true');
  });

  it('leaves a chain within the budget as it was', () => {
    const described = describeError(tree(2, 2, 1_000), redact);
    expect(jsonBytes(described)).toBeLessThan(MAX_DESCRIBED_BYTES);
    expect(JSON.stringify(described)).not.toContain('truncated');
  });
});
