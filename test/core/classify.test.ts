/** core/classify.ts: the rule table, one rule at a time, and the table's guarantees. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ClassifyProblem,
  classify,
  codeForStatus,
  type ErrorRule,
} from '../../src/core/classify.js';
import { defaultRules } from '../../src/core/default-rules.js';
import { NotImplementedError } from '../../src/core/not-implemented.js';

const statusOf = (error: unknown) => classify(error, defaultRules, 1).status;
const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

/** An AxiosError as axios 1.x builds it: `isAxiosError`, `code`, and `response` when answered. */
const axiosError = ({ status, code }: { status?: number; code?: string }) =>
  Object.assign(
    new Error(
      status === undefined
        ? 'timeout of 1000ms exceeded'
        : `Request failed with status code ${status}`,
    ),
    {
      name: 'AxiosError',
      isAxiosError: true,
      code:
        code ?? (status !== undefined && status >= 500 ? 'ERR_BAD_RESPONSE' : 'ERR_BAD_REQUEST'),
      ...(status === undefined
        ? {}
        : { response: { status, statusText: '', headers: {}, data: '' } }),
    },
  );

/** got's HTTPError (`response.statusCode`) or ky's (`response.status`, a Web Response). */
const httpError = (response: { status?: number; statusCode?: number }) =>
  Object.assign(new Error('Response code failed'), { name: 'HTTPError', response });

describe('the default rules', () => {
  it.each([
    [
      'an http-errors 404',
      Object.assign(new Error('gone'), { statusCode: 404, expose: true }),
      404,
    ],
    [
      'a status without expose (an HTTP client error)',
      Object.assign(new Error('x'), { statusCode: 404 }),
      500,
    ],
    [
      'a Router HttpError',
      Object.assign(new Error('bad'), {
        statusCode: 400,
        errorType: 'BadRequestError',
        toWebResponse: () => null,
      }),
      400,
    ],
    ['NotImplementedError', new NotImplementedError(), 501],
    ['ERR_METHOD_NOT_IMPLEMENTED', withCode('ERR_METHOD_NOT_IMPLEMENTED'), 501],
    ['a TimeoutError', Object.assign(new Error('t'), { name: 'TimeoutError' }), 504],
    ['ETIMEDOUT deep in the chain', new Error('outer', { cause: withCode('ETIMEDOUT') }), 504],
    ['SDK throttling', Object.assign(new Error('slow'), { name: 'ThrottlingException' }), 503],
    ['an upstream 429', Object.assign(new Error('x'), { $metadata: { httpStatusCode: 429 } }), 503],
    [
      'fetch failed: ECONNREFUSED',
      new TypeError('fetch failed', { cause: withCode('ECONNREFUSED') }),
      502,
    ],
    ['an SDK server fault', Object.assign(new Error('x'), { $fault: 'server' }), 502],
    // The shapes of the clients' own errors: axios AxiosError, got/ky HTTPError, ofetch FetchError.
    ['an axios upstream 503', axiosError({ status: 503 }), 502],
    ['an axios upstream 429', axiosError({ status: 429 }), 503],
    ['an axios timeout (ECONNABORTED)', axiosError({ code: 'ECONNABORTED' }), 504],
    ['an axios upstream 404 (our failure)', axiosError({ status: 404 }), 500],
    [
      'an axios error in the cause chain',
      new Error('quote failed', { cause: axiosError({ status: 500 }) }),
      502,
    ],
    ['a got HTTPError 502', httpError({ statusCode: 502 }), 502],
    ['a ky HTTPError 429', httpError({ status: 429 }), 503],
    [
      'an ofetch FetchError 500',
      Object.assign(httpError({ status: 500 }), { name: 'FetchError' }),
      502,
    ],
    [
      'a response on any other error',
      Object.assign(new Error('x'), { response: { status: 503 } }),
      500,
    ],
    ['ECONNABORTED outside axios', withCode('ECONNABORTED'), 500],
    ['anything else', new Error('boom'), 500],
    ['a thrown string', 'boom', 500],
    ['undefined', undefined, 500],
  ])('%s -> %i', (_label, error, status) => {
    expect(statusOf(error)).toBe(status);
  });

  it('keeps 4xx messages exposed and 5xx generic by default', () => {
    const notFound = classify(
      Object.assign(new Error('x'), { statusCode: 404, expose: true }),
      defaultRules,
      1,
    );
    expect(notFound).toMatchObject({ code: 'not_found', expose: true });
    expect(classify(new Error('x'), defaultRules, 1)).toEqual({
      status: 500,
      code: 'internal_server_error',
      expose: false,
    });
  });

  it('gives 503 and 429 a Retry-After', () => {
    expect(
      classify(Object.assign(new Error('x'), { name: 'Throttling' }), defaultRules, 7).retryAfter,
    ).toBe(7);
  });
});

describe('the table', () => {
  it('takes the first rule that answers and records rules that throw or answer nonsense', () => {
    const problems: ClassifyProblem[] = [];
    const rules: ErrorRule[] = [
      () => {
        throw new Error('rule bug');
      },
      () => ({ status: 200 }),
      () => ({ status: 418, code: 'teapot' }),
      () => ({ status: 400 }),
    ];
    expect(classify(new Error('x'), rules, 1, problems)).toMatchObject({
      status: 418,
      code: 'teapot',
    });
    expect(problems).toEqual([
      { rule: 0, reason: 'rule threw: rule bug' },
      { rule: 1, reason: 'rule returned a status outside 400-599' },
    ]);
  });

  it('answers 400-599 whatever the rules return, and never throws', () => {
    fc.assert(
      fc.property(
        fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }),
        fc.anything(),
        (answers, error) => {
          const rules = answers.map((answer) => () => answer as never);
          const { status, code } = classify(error, rules, 1);
          expect(status).toBeGreaterThanOrEqual(400);
          expect(status).toBeLessThanOrEqual(599);
          expect(typeof code).toBe('string');
        },
      ),
    );
  });
});

describe('codeForStatus', () => {
  it.each([
    [404, 'not_found'],
    [418, 'im_a_teapot'],
    [503, 'service_unavailable'],
    [499, 'client_error'],
    [599, 'server_error'],
  ])('%i -> %s', (status, code) => {
    expect(codeForStatus(status)).toBe(code);
  });
});
