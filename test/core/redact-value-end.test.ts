/**
 * The scanners of src/core/redact/value-end.ts, by themselves: where a value's line ends, and
 * the encoded quote that both the key reader and the percent scan stop at.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodedQuoteAt, lineEnd, percentEnd } from '../../src/core/redact/value-end.js';

describe('encodedQuoteAt', () => {
  it('is %22 or %27 at the position and nothing else', () => {
    expect(encodedQuoteAt('a%22b', 1)).toBe(true);
    expect(encodedQuoteAt('a%27b', 1)).toBe(true);
    expect(encodedQuoteAt('a%22b', 0)).toBe(false);
    expect(encodedQuoteAt('%2', 0)).toBe(false);
    expect(encodedQuoteAt('%20', 0)).toBe(false);
    expect(encodedQuoteAt('', 0)).toBe(false);
  });

  it('agrees with the pattern it replaced, at every position of any text', () => {
    const text = fc.string({ unit: fc.constantFrom('%', '2', '7', '0', 'a'), maxLength: 12 });
    fc.assert(
      fc.property(text, (s) => {
        for (let at = 0; at <= s.length; at++) {
          expect(encodedQuoteAt(s, at)).toBe(/^%2[27]/.test(s.slice(at, at + 3)));
        }
      }),
    );
  });

  it('sends a percent-encoded JSON value to the next raw delimiter', () => {
    const text = '%22s3cret%22%7D&next=1';
    expect(percentEnd(text, 0)).toBe(text.indexOf('&'));
    expect(percentEnd('s3cret%26next', 0)).toBe(6);
  });
});

describe('lineEnd', () => {
  it('ends at the backslashes of an escaped line break, at any depth, never before the start', () => {
    expect(lineEnd('sid=abc\\nnext', 4)).toBe(7);
    expect(lineEnd('sid=abc\\\\\\nnext', 4)).toBe(7);
    // The backslashes before the value's start are not the line's.
    expect(lineEnd('\\\\\\nx', 2)).toBe(2);
    expect(lineEnd('abc\r\ndef', 0)).toBe(3);
    expect(lineEnd('no end', 0)).toBe(6);
  });

  it("keeps a line's own escaped quote, and ends at the one that closes its JSON string", () => {
    const inner = 'Cookie: consent=\\"yes\\"; sid=abc';
    expect(lineEnd(inner, 8)).toBe(inner.length);
    const closing = '{"h":"Cookie: sid=abc\\",\\"status\\":401}';
    expect(lineEnd(closing, 14)).toBe(closing.indexOf('\\",'));
  });
});
