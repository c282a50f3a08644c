/**
 * The prefilter decides whether the rules run at all, so it must see every key spelling the
 * pairs rule redacts: built-in stems in any case, broken at their words by `_`, `-`, `.`, a
 * space or a camelCase hump.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRedaction } from '../../src/core/redact/index.js';
import { SECRET_KEY_PARTS, SECRET_KEY_WORDS } from '../../src/core/redact/keys.js';
import { buildPrefilter } from '../../src/core/redact/prefilter.js';

const redact = compileRedaction({ keys: ['customerEmail'] });
const SECRET = 'hunter2EXAMPLE';

/** A stem spelled as keys spell it: words from `parts`, any case, joined by `joint`. */
const spell = (parts: readonly string[], upper: readonly boolean[], joint: string): string =>
  parts
    .map((part, i) =>
      upper[i]
        ? part.toUpperCase()
        : i > 0 && joint === ''
          ? part[0]?.toUpperCase() + part.slice(1)
          : part,
    )
    .join(joint);

const COMPOUNDS: ReadonlyArray<readonly string[]> = [
  ['api', 'key'],
  ['access', 'key'],
  ['private', 'key'],
  ['secret', 'key'],
  ['connection', 'string'],
  ['card', 'number'],
  ['credit', 'card'],
  ['security', 'code'],
  ['pass', 'word'],
  ['pass', 'phrase'],
];

describe('the prefilter', () => {
  it('lets through every built-in stem, whole, in any case', () => {
    const prefilter = buildPrefilter([]);
    for (const stem of [...SECRET_KEY_PARTS, ...SECRET_KEY_WORDS]) {
      expect(prefilter.test(`x ${stem}=1`)).toBe(true);
      expect(prefilter.test(`x ${stem.toUpperCase()}=1`)).toBe(true);
    }
  });

  it('lets through compound keys broken at their words, and their values are redacted', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COMPOUNDS),
        fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
        fc.constantFrom('', '_', '-', '.', '__'),
        fc.constantFrom('=', ': ', '":"'),
        (parts, upper, joint, assign) => {
          const key = spell(parts, upper, joint);
          const out = redact.text(`request failed: ${key}${assign}${SECRET} for user 7`);
          expect(out).not.toContain(SECRET);
        },
      ),
    );
  });

  it("lets through a user's key broken at its own words", () => {
    for (const key of ['customerEmail', 'customer_email', 'CUSTOMER-EMAIL']) {
      expect(redact.text(`${key}=${SECRET}`)).not.toContain(SECRET);
    }
  });

  it('puts separators only between words, never after every letter', () => {
    // An expression with a separator class after each letter cost V8 about 40 ms to compile on
    // the first error of every cold start (bench: aws-lambda-ric, first error answered).
    const separators = buildPrefilter([]).source.split('[-_. ]{0,2}').length - 1;
    expect(separators).toBeLessThan(30);
  });
});
