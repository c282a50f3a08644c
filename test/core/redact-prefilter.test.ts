/**
 * The prefilter decides whether the rules run at all, so it must let through every text a rule
 * would change: every key spelling the pairs rule redacts (built-in stems in any case, broken at
 * their words by `_`, `-`, `.`, a space or a camelCase hump), every token, every shape.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRedaction } from '../../src/core/redact/index.js';
import { SECRET_KEY_PARTS, SECRET_KEY_WORDS } from '../../src/core/redact/keys.js';
import { buildPrefilter } from '../../src/core/redact/prefilter.js';
import { BUILT_IN_RULES } from '../../src/core/redact/rules.js';
import { mayHoldToken, TOKEN_FAMILIES, tokenPattern } from '../../src/core/redact/tokens.js';
import { exampleOf } from '../support/token-examples.js';

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
      expect(prefilter(`x ${stem}=1`)).toBe(true);
      expect(prefilter(`x ${stem.toUpperCase()}=1`)).toBe(true);
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

  it("lets through a user's key with brackets, as forms write it (it once leaked)", () => {
    const own = compileRedaction({ keys: ['user[pin]'] });
    expect(own.text(`user[pin]=${SECRET}&x=1`)).toBe('user[pin]=[REDACTED]&x=1');
  });

  it('stops plain text, so the common message skips every rule', () => {
    const prefilter = buildPrefilter([]);
    for (const text of [
      'database unavailable',
      'Error: database unavailable',
      '\n    at handler (file:///var/task/index.mjs:7:5901)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      'ECONNREFUSED 10.0.0.7:5432',
    ]) {
      expect(prefilter(text)).toBe(false);
    }
  });
});

/** Pieces of text as errors carry them, secrets and near misses alike. */
const piece = fc.oneof(
  fc.constantFrom(...TOKEN_FAMILIES.map(exampleOf)),
  fc.constantFrom(...SECRET_KEY_PARTS, ...SECRET_KEY_WORDS, 'customer_email', 'Basic', 'digest'),
  fc.constantFrom(
    '=',
    ': ',
    '":"',
    '%3D',
    '://',
    'postgres://app:',
    '@db/x',
    '-----BEGIN RSA PRIVATE KEY-----',
    '4111 1111 1111 1111',
    '4111111111111111',
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    ' ',
    '_',
    '-',
    '.',
    '[',
    ']',
    '\n',
    'x',
    'hunter2',
  ),
  fc.string({ maxLength: 12 }),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,48}$/),
  // Whole secrets of the rules without a keyword of their own: schemes, URIs, cards, base64.
  fc
    .tuple(
      fc.constantFrom('Bearer', 'basic', 'DIGEST', 'Token'),
      fc.constantFrom(' ', '\t', '  '),
      fc.stringMatching(/^[A-Za-z0-9+/._~-]{8,24}$/),
    )
    .map((parts) => parts.join('')),
  fc
    .tuple(fc.stringMatching(/^[a-z][a-z0-9+.-]{1,8}$/), fc.stringMatching(/^[a-z]{1,8}$/))
    .map(([scheme, user]) => `${scheme}://${user}:${SECRET}@host/x`),
  fc.stringMatching(/^[2-6][0-9]{12,18}$/),
  fc.stringMatching(/^[A-Za-z0-9/+]{40}$/),
);
const texts = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''));
const runRules = (text: string, isSecretKey: (key: string) => boolean): string =>
  BUILT_IN_RULES.reduce((out, rule) => rule.run(out, isSecretKey), text);

describe('what the prefilter stops, no rule would change', () => {
  it('holds for the built-in rules and a user key, over generated texts', () => {
    const prefilter = buildPrefilter(['customerEmail']);
    fc.assert(
      fc.property(texts, (text) => {
        if (!prefilter(text)) expect(runRules(text, redact.secretKey)).toBe(text);
      }),
      { numRuns: 3_000 },
    );
  });

  it('and the token rule skips the expression only where no token can be', () => {
    fc.assert(
      fc.property(texts, (text) => {
        if (!mayHoldToken(text)) expect(text.replace(tokenPattern(), '[REDACTED]')).toBe(text);
      }),
      { numRuns: 3_000 },
    );
  });
});
