/** core/malformed-result.ts: which handler results an event source would reject. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  failureKind,
  MalformedResultError,
  malformedResult,
  malformedResultReason,
} from '../../src/core/malformed-result.js';
import type { HttpEventSource } from '../../src/index.js';

const ALL: HttpEventSource[] = [
  'apigateway-rest',
  'apigateway-http',
  'apigateway-websocket',
  'function-url',
  'alb',
  'vpc-lattice',
];

describe('malformedResultReason', () => {
  it.each([
    ['apigateway-rest', { statusCode: 200, body: '{}' }, undefined],
    ['apigateway-rest', { statusCode: 200 }, undefined],
    ['apigateway-rest', undefined, 'result is undefined, not an object'],
    ['apigateway-rest', null, 'result is null, not an object'],
    ['apigateway-rest', { statusCode: '200' }, 'statusCode is not an integer from 100 to 599'],
    ['alb', { statusCode: 600 }, 'statusCode is not an integer from 100 to 599'],
    ['alb', { statusCode: 200, body: { a: 1 } }, 'body is object, not a string'],
    ['vpc-lattice', { statusCode: 200, headers: { a: ['b'] } }, 'headers are not string values'],
    [
      'alb',
      { statusCode: 200, multiValueHeaders: { a: 'b' } },
      'multiValueHeaders are not arrays of string values',
    ],
    ['apigateway-http', { anything: 'goes' }, undefined],
    ['apigateway-http', 'a string body', undefined],
    ['function-url', { statusCode: 'x' }, 'statusCode is not an integer from 100 to 599'],
    ['apigateway-websocket', undefined, undefined],
  ] as const)('%s, %j -> %s', (source, result, reason) => {
    expect(malformedResultReason(source, result)).toBe(reason);
  });

  it('answers a reason or undefined for anything, and never throws', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL), fc.anything({ maxDepth: 3 }), (source, result) => {
        const reason = malformedResultReason(source, result);
        expect(reason === undefined || typeof reason === 'string').toBe(true);
      }),
    );
  });
});

describe('a result judged as the runtime sends it (JSON.stringify)', () => {
  it.each([
    ['an undefined header', { statusCode: 200, headers: { a: 'b', 'X-Id': undefined } }],
    ['an undefined multi-value header', { statusCode: 200, multiValueHeaders: { c: undefined } }],
    ['a function in the headers', { statusCode: 200, headers: { f: () => 'x' } }],
    ['a toJSON() that gives a valid result', { toJSON: () => ({ statusCode: 204 }) }],
  ])('%s is accepted', (_, result) => {
    for (const source of ['apigateway-rest', 'alb', 'vpc-lattice'] as const) {
      expect(malformedResultReason(source, result)).toBeUndefined();
    }
  });

  it('a toJSON() that gives an invalid result is still rejected', () => {
    expect(malformedResultReason('alb', { statusCode: 200, toJSON: () => 'text' })).toBe(
      'result is string, not an object',
    );
  });

  it('judges a result as it judges its JSON round trip, for every source', () => {
    const header = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(undefined),
      fc.constant(null),
      fc.constant(() => 'x'),
    );
    const result = fc.record(
      {
        statusCode: fc.oneof(
          fc.integer({ min: 90, max: 610 }),
          fc.constant(undefined),
          fc.string(),
        ),
        body: fc.oneof(fc.string(), fc.constant(undefined), fc.constant(null), fc.integer()),
        headers: fc.dictionary(fc.string({ maxLength: 8 }), header, { maxKeys: 4 }),
        multiValueHeaders: fc.dictionary(
          fc.string({ maxLength: 8 }),
          fc.oneof(fc.array(fc.string(), { maxLength: 3 }), fc.constant(undefined), header),
          { maxKeys: 3 },
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.constantFrom(...ALL), result, (source, value) => {
        const sent: unknown = JSON.parse(JSON.stringify(value));
        expect(malformedResultReason(source, value) === undefined).toBe(
          malformedResultReason(source, sent) === undefined,
        );
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('malformedResult and failureKind', () => {
  it('builds the error that stands for a rejected result; nothing for non-HTTP events', () => {
    const error = malformedResult('alb', null);
    expect(error).toBeInstanceOf(MalformedResultError);
    expect(error?.message).toBe('Handler result rejected by alb: result is null, not an object');
    expect(malformedResult(undefined, null)).toBeUndefined();
    expect(failureKind(error)).toBe('malformed_result');
    expect(failureKind(new Error('x'))).toBe('uncaught_error');
    const trap = new Proxy(
      {},
      {
        getPrototypeOf: () => {
          throw new Error('trap');
        },
      },
    );
    expect(failureKind(trap)).toBe('uncaught_error');
  });
});
