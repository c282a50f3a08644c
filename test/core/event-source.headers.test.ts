/**
 * Request headers are found whatever their casing: REST APIs pass the client's own spelling.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestHeader } from '../../src/core/event-source.js';

describe('requestHeader', () => {
  it.each([['origin'], ['Origin'], ['ORIGIN'], ['oRiGiN']])(
    'finds %s in headers and in multiValueHeaders',
    (name) => {
      expect(requestHeader({ headers: { [name]: 'https://a.example' } }, 'origin', 'Origin')).toBe(
        'https://a.example',
      );
      expect(
        requestHeader(
          { multiValueHeaders: { [name]: ['https://b.example', 'x'] } },
          'origin',
          'Origin',
        ),
      ).toBe('https://b.example');
    },
  );

  it('prefers headers over multiValueHeaders, and ignores inherited and non-string values', () => {
    const event = { headers: { ACCEPT: 'a' }, multiValueHeaders: { accept: ['b'] } };
    expect(requestHeader(event, 'accept', 'Accept')).toBe('a');
    const inherited = { headers: Object.create({ ACCEPT: 'x' }) };
    expect(requestHeader(inherited, 'accept', 'Accept')).toBeUndefined();
    expect(requestHeader({ headers: { ACCEPT: 42 } }, 'accept', 'Accept')).toBeUndefined();
  });

  it('survives throwing getters and non-objects', () => {
    const hostile = {
      get headers(): never {
        throw new Error('no');
      },
    };
    expect(requestHeader(hostile, 'accept', 'Accept')).toBeUndefined();
    expect(requestHeader(null, 'accept', 'Accept')).toBeUndefined();
    expect(requestHeader({ headers: 'x' }, 'accept', 'Accept')).toBeUndefined();
  });

  it('finds a header in any casing among arbitrary other headers', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 })),
        fc.array(fc.boolean(), { minLength: 15, maxLength: 15 }),
        (others, upper) => {
          const name = [...'x-amzn-trace-id']
            .map((c, i) => (upper[i] ? c.toUpperCase() : c))
            .join('');
          const headers: Record<string, string> = {};
          for (const [key, value] of Object.entries(others)) {
            if (key.toLowerCase() !== 'x-amzn-trace-id') headers[key] = value;
          }
          headers[name] = 'Root=1-abc';
          expect(requestHeader({ headers }, 'x-amzn-trace-id', 'X-Amzn-Trace-Id')).toBe(
            'Root=1-abc',
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
