/**
 * RFC 9110 §12.5.1 negotiation between the JSON contract and problem+json: q-values, `q=0`,
 * wildcards by specificity, case-insensitive names, and a bounded parse of hostile headers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ACCEPT_CHARS, negotiateFormat } from '../../src/core/negotiate.js';

describe('negotiateFormat', () => {
  it.each([
    [undefined, 'json'],
    [42, 'json'],
    ['', 'json'],
    ['*/*', 'json'],
    ['application/*', 'json'],
    ['application/json', 'json'],
    ['text/html', 'json'],
    ['application/problem+json', 'problem'],
    ['Application/Problem+JSON', 'problem'],
    ['APPLICATION/PROBLEM+JSON; Q=1', 'problem'],
    ['application/problem+json;q=0.5, */*', 'json'],
    ['application/problem+json;q=0.5, application/json;q=0.4', 'problem'],
    ['application/problem+json;q=0.4, application/json;q=0.5', 'json'],
    ['application/problem+json, application/json', 'json'],
    ['application/problem+json;q=0, */*', 'json'],
    ['application/problem+json;q=0', 'json'],
    ['application/problem+json, application/json;q=0', 'problem'],
    ['application/*, application/json;q=0', 'problem'],
    ['*/*;q=0.1, application/problem+json', 'problem'],
    ['application/problem+json;charset=utf-8;q=0.9, application/json;q=0.8', 'problem'],
    ['  application/problem+json  ;  q=0.9  ,application/json ; q=0.1', 'problem'],
    // Not RFC 9110 qvalues: the range is ignored rather than guessed at.
    ['application/problem+json;q=2', 'json'],
    ['application/problem+json;q=abc', 'json'],
    ['application/problem+json;q=0.1234', 'json'],
    ['application/json;q=-1, application/problem+json;q=0.1', 'problem'],
    ['application/problem', 'json'],
    ['application/problem+jsonx', 'json'],
  ])('%j -> %s', (accept, format) => {
    expect(negotiateFormat(accept)).toBe(format);
  });

  it('reads only the first characters of a huge header', () => {
    const padding = 'text/plain;q=0.1, '.repeat(Math.ceil(MAX_ACCEPT_CHARS / 18) + 10);
    expect(negotiateFormat(`${padding}application/problem+json`)).toBe('json');
    expect(negotiateFormat(`application/problem+json, ${'x'.repeat(1_000_000)}`)).toBe('problem');
  });

  const mediaRange = fc.oneof(
    fc.constantFrom('*/*', 'application/*', 'application/json', 'application/problem+json'),
    fc.constantFrom('text/html', 'text/*', 'APPLICATION/Problem+Json', 'application/xml'),
    fc.string({ maxLength: 40 }),
  );
  const qParam = fc.oneof(
    fc.constant(''),
    fc.constantFrom(';q=0', ';q=1', ';q=0.5', ';Q=0.25', '; q=1.000', ';q=0.001'),
    fc.string({ maxLength: 12 }).map((v) => `;q=${v}`),
  );
  const accept = fc
    .array(fc.tuple(mediaRange, qParam), { maxLength: 80 })
    .map((ranges) => ranges.map(([range, q]) => `${range}${q}`).join(', '));

  it('answers json or problem for any header; an explicit application/json always wins', () => {
    fc.assert(
      fc.property(accept, (header) => {
        expect(['json', 'problem']).toContain(negotiateFormat(header));
        // Exact application/json at q=1 is the best json can get: problem+json can only tie.
        expect(negotiateFormat(`application/json, ${header}`)).toBe('json');
        // Without parameters every range weighs 1: only a range naming problem can win.
        if (!header.includes(';') && !/problem/i.test(header)) {
          expect(negotiateFormat(header)).toBe('json');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is the same whatever the case of the header', () => {
    fc.assert(
      fc.property(accept, (header) => {
        expect(negotiateFormat(header.toUpperCase())).toBe(negotiateFormat(header.toLowerCase()));
      }),
      { numRuns: 300 },
    );
  });
});
