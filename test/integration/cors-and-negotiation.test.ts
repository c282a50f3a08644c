/**
 * Browsers and standards: error responses carry `@middy/http-cors` headers with errorNormalizer
 * registered last, as Middy's docs place http-error-handler (the other order is pinned in
 * middy-matrix.test.ts), expose the trace id to scripts, and speak RFC 9457 to clients that
 * ask for `application/problem+json`.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import { createError } from '@middy/util';
import { describe, expect, it } from 'vitest';
import { errorNormalizer } from '../../src/index.js';
import { problemDetails } from '../../src/problem-details.js';
import { eachInvocation, fixture, lambdaContext } from '../support/lambda.js';

type Result = { statusCode: number; headers: Record<string, string>; body: string };

const invocation = eachInvocation();

const requestFrom = (origin: string | undefined, accept?: string) => {
  const event = fixture('apigw-request.json') as { headers: Record<string, string> };
  if (origin !== undefined) event.headers.Origin = origin;
  if (accept !== undefined) event.headers.Accept = accept;
  return event;
};

const withCors = (
  order: 'cors first' | 'errorNormalizer first',
  handler: () => Promise<unknown>,
) => {
  const normalizer = errorNormalizer({ logger: new Logger() });
  const cors = httpCors({ origins: ['https://app.example.com'] });
  const wrapped = middy(handler);
  return order === 'cors first'
    ? wrapped.use(cors).use(normalizer)
    : wrapped.use(normalizer).use(cors);
};

describe('CORS on errors', () => {
  it.each(['cors first'] as const)(
    'puts the CORS headers on a 500 with %s, and exposes the trace id',
    async (order) => {
      const handler = withCors(order, async () => {
        throw new Error('boom');
      });
      const result = (await handler(
        requestFrom('https://app.example.com'),
        lambdaContext(),
      )) as Result;
      expect(result.statusCode).toBe(500);
      expect(result.headers['Access-Control-Allow-Origin']).toBe('https://app.example.com');
      expect(result.headers['Access-Control-Expose-Headers']).toBe(
        'X-Trace-Id, X-Request-Id, Retry-After',
      );
      expect(result.headers['X-Trace-Id']).toBe(invocation.trace.root);
      expect(invocation.output.logs('ERROR')).toHaveLength(1);
    },
  );

  it.each(['cors first'] as const)(
    'puts the CORS headers on a malformed-result 500 and on successes with %s',
    async (order) => {
      const malformed = withCors(order, async () => ({ statusCode: 'x' }));
      const bad = (await malformed(
        requestFrom('https://app.example.com'),
        lambdaContext(),
      )) as Result;
      expect(bad.statusCode).toBe(500);
      expect(bad.headers['Access-Control-Allow-Origin']).toBe('https://app.example.com');
      const ok = withCors(order, async () => ({ statusCode: 200, body: 'ok' }));
      const good = (await ok(requestFrom('https://app.example.com'), lambdaContext())) as Result;
      expect(good).toMatchObject({ statusCode: 200, body: 'ok' });
      expect(good.headers['Access-Control-Allow-Origin']).toBe('https://app.example.com');
    },
  );

  it('reads Origin and Accept from ALB multi-value headers too', async () => {
    const event = fixture('alb-lambda-target-request-multivalue-headers.json') as {
      multiValueHeaders: Record<string, string[]>;
    };
    event.multiValueHeaders.origin = ['https://app.example.com'];
    event.multiValueHeaders.accept = ['application/problem+json'];
    const handler = middy(async () => {
      throw new Error('boom');
    }).use(errorNormalizer({ logger: new Logger(), problemDetails: problemDetails() }));
    const result = (await handler(event, lambdaContext())) as {
      multiValueHeaders: Record<string, string[]>;
    };
    expect(result.multiValueHeaders['Access-Control-Expose-Headers']).toEqual([
      'X-Trace-Id, X-Request-Id, Retry-After',
    ]);
    expect(result.multiValueHeaders['Content-Type']).toEqual(['application/problem+json']);
  });

  it('does not add CORS exposure to same-origin requests', async () => {
    const handler = middy(async () => {
      throw new Error('boom');
    }).use(errorNormalizer({ logger: new Logger() }));
    const result = (await handler(requestFrom(undefined), lambdaContext())) as Result;
    expect(result.headers['Access-Control-Expose-Headers']).toBeUndefined();
  });

  it('still re-throws errors of non-HTTP events with http-cors in the chain', async () => {
    const thrown = new Error('sqs failure');
    const handler = withCors('errorNormalizer first', async () => {
      throw thrown;
    });
    await expect(handler(fixture('sqs-event.json'), lambdaContext())).rejects.toBe(thrown);
  });
});

describe('content negotiation with problemDetails()', () => {
  const failing = (thrown: unknown) =>
    middy(async () => {
      throw thrown;
    }).use(errorNormalizer({ logger: new Logger(), problemDetails: problemDetails() }));

  it('answers RFC 9457 problem details when Accept prefers application/problem+json', async () => {
    const context = lambdaContext();
    const result = (await failing(createError(404, 'No widget with id 42'))(
      requestFrom(undefined, 'application/problem+json, application/json;q=0.5'),
      context,
    )) as Result;
    expect(result.statusCode).toBe(404);
    expect(result.headers['Content-Type']).toBe('application/problem+json');
    expect(JSON.parse(result.body)).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No widget with id 42',
      instance: `urn:uuid:${context.awsRequestId}`,
      error: 'not_found',
      traceId: invocation.trace.root,
      requestId: context.awsRequestId,
    });
  });

  it.each([
    ['no Accept header', undefined],
    ['*/*', '*/*'],
    ['application/json', 'application/json'],
    ['json preferred', 'application/json, application/problem+json;q=0.9'],
    ['equal preference', 'application/problem+json, application/json'],
    ['problem+json refused', 'application/problem+json;q=0'],
  ])('answers the JSON contract for %s', async (_case, accept) => {
    const result = (await failing(new Error('x'))(
      requestFrom(undefined, accept),
      lambdaContext(),
    )) as Result;
    expect(result.headers['Content-Type']).toBe('application/json');
    expect(Object.keys(JSON.parse(result.body)).sort()).toEqual([
      'error',
      'message',
      'requestId',
      'traceId',
    ]);
  });

  it('is off without the option: problem+json clients get the JSON contract', async () => {
    const handler = middy(async () => {
      throw new Error('x');
    }).use(errorNormalizer({ logger: new Logger() }));
    const result = (await handler(
      requestFrom(undefined, 'application/problem+json'),
      lambdaContext(),
    )) as Result;
    expect(result.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(result.body).type).toBeUndefined();
  });

  it.each([true, false])('refuses the 0.1 form problemDetails: %s, naming the import', (value) => {
    expect(() => errorNormalizer({ problemDetails: value as never })).toThrow(
      `errorNormalizer: "problemDetails" must be problemDetails() from 'lambda-error-normalizer/problem-details', got ${value}`,
    );
  });
});
