/**
 * core/event-source.ts at the module level: the decision "answer or re-throw" is total. The
 * integration tests feed every real fixture; here arbitrary and hostile values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventSourceOf, requestHeader } from '../../src/core/event-source.js';
import { fixture } from '../support/lambda.js';

const SOURCES = new Set([
  'apigateway-rest',
  'apigateway-http',
  'apigateway-websocket',
  'function-url',
  'alb',
  'vpc-lattice',
  undefined,
]);

describe('eventSourceOf', () => {
  it('answers a source or undefined for any value, and never throws', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4 }), (value) => {
        expect(SOURCES.has(eventSourceOf(value))).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('survives proxies whose traps throw', () => {
    const trap = () => {
      throw new Error('trap');
    };
    expect(eventSourceOf(new Proxy({}, { get: trap, has: trap, ownKeys: trap }))).toBeUndefined();
  });

  it('re-throws what an authorizer is given, even with a proxy request beside it', () => {
    const rest = fixture('apigw-request.json');
    expect(eventSourceOf(rest)).toBe('apigateway-rest');
    expect(
      eventSourceOf({ ...rest, type: 'REQUEST', methodArn: 'arn:aws:execute-api:x' }),
    ).toBeUndefined();
    expect(eventSourceOf({ ...rest, authorizationToken: 'Bearer x' })).toBeUndefined();
  });

  it('needs every field its service always sets', () => {
    const http = fixture<Record<string, unknown>>('apigw-v2-request-no-authorizer.json');
    expect(eventSourceOf(http)).toBe('apigateway-http');
    expect(eventSourceOf({ ...http, rawPath: undefined })).toBeUndefined();
    expect(
      eventSourceOf({
        ...http,
        requestContext: { ...(http.requestContext as object), http: null },
      }),
    ).toBeUndefined();
  });
});

describe('requestHeader', () => {
  it('reads lower-case and canonical spellings, and the first of several values', () => {
    expect(requestHeader({ headers: { origin: 'https://a' } }, 'origin', 'Origin')).toBe(
      'https://a',
    );
    expect(requestHeader({ headers: { Origin: 'https://b' } }, 'origin', 'Origin')).toBe(
      'https://b',
    );
    expect(
      requestHeader(
        { multiValueHeaders: { origin: ['https://c', 'https://d'] } },
        'origin',
        'Origin',
      ),
    ).toBe('https://c');
    expect(requestHeader({ headers: null }, 'origin', 'Origin')).toBeUndefined();
  });

  it('never throws and answers a string or nothing', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 3 }), (value) => {
        const header = requestHeader(
          { headers: value, multiValueHeaders: value },
          'accept',
          'Accept',
        );
        expect(header === undefined || typeof header === 'string').toBe(true);
      }),
    );
  });
});
