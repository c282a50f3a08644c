/**
 * ALB reads one header map: with multi-value headers only `multiValueHeaders`, without only
 * `headers`. The outermost door folds the other map into it, without changing the result in
 * place, and leaves every other source alone.
 */
import { describe, expect, it } from 'vitest';
import { foldAlbHeaders } from '../../src/core/alb-headers.js';
import { fixture } from '../support/lambda.js';

const multi = () => fixture('alb-lambda-target-request-multivalue-headers.json');
const single = () => fixture('alb-lambda-target-request-headers-only.json');

describe('foldAlbHeaders', () => {
  it('moves every header into multiValueHeaders; a name in both keeps its multi values', () => {
    const result = {
      statusCode: 200,
      body: 'ok',
      headers: { 'X-A': 'a', Vary: 'Origin', 'x-b': 1 },
      multiValueHeaders: { vary: ['Accept'], 'Set-Cookie': ['a=1', 'b=2'] },
    };
    const before = structuredClone(result);
    expect(foldAlbHeaders(result, multi())).toEqual({
      statusCode: 200,
      body: 'ok',
      multiValueHeaders: {
        vary: ['Accept'],
        'Set-Cookie': ['a=1', 'b=2'],
        'X-A': ['a'],
        'x-b': [1],
      },
    });
    expect(result).toEqual(before);
  });

  it('without multi-value headers, moves every list into headers; cookies keep the last', () => {
    const result = {
      statusCode: 500,
      headers: { 'X-Trace-Id': 't', Vary: 'Origin' },
      multiValueHeaders: {
        'Access-Control-Expose-Headers': ['X-Trace-Id', 'X-Request-Id'],
        vary: ['Accept'],
        'set-cookie': ['a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT', 'b=2'],
      },
    };
    const before = structuredClone(result);
    expect(foldAlbHeaders(result, single())).toEqual({
      statusCode: 500,
      headers: {
        'X-Trace-Id': 't',
        Vary: 'Origin',
        'Access-Control-Expose-Headers': 'X-Trace-Id, X-Request-Id',
        'set-cookie': 'b=2',
      },
    });
    expect(result).toEqual(before);
  });

  it('leaves results alone for ALB without multi-value headers and for other sources', () => {
    const result = { statusCode: 200, headers: { a: 'b' } };
    expect(foldAlbHeaders(result, single())).toBe(result);
    expect(foldAlbHeaders(result, fixture('apigw-request.json'))).toBe(result);
    expect(foldAlbHeaders('text', multi())).toBe('text');
    expect(foldAlbHeaders({ statusCode: 204 }, multi())).toEqual({ statusCode: 204 });
  });
});
