/**
 * errorNormalizer beside each official Middy HTTP middleware, in both orders, for six kinds of
 * failure: the answer is ours (status, body, ids) and carries the headers the middleware adds,
 * or the documented exception for that order holds (docs/middy.md, "Order"). Also: another
 * middleware's onError that throws, with and without the outer net, and ALB multi-value headers.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import middy, { type MiddlewareObj } from '@middy/core';
import httpCors from '@middy/http-cors';
import httpErrorHandler from '@middy/http-error-handler';
import httpEventNormalizer from '@middy/http-event-normalizer';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpResponseSerializer from '@middy/http-response-serializer';
import httpSecurityHeaders from '@middy/http-security-headers';
import { createError } from '@middy/util';
import { describe, expect, it } from 'vitest';
import {
  type ErrorNormalizerOptions,
  errorNormalizer,
  withErrorNormalizer,
} from '../../src/index.js';
import { maintenance } from '../../src/maintenance.js';
import { eachInvocation, fixture, lambdaContext } from '../support/lambda.js';

const ORIGIN = 'https://app.example.com';
type Result = {
  statusCode: number;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  body?: string;
};
type Order = 'errorNormalizer last' | 'errorNormalizer first';

const invocation = eachInvocation();

interface Peer {
  make: () => MiddlewareObj;
  /** Whether the answer carries what this middleware adds to responses. */
  added: (result: Result) => boolean;
  /** Orders in which the middleware cannot decorate our answer (documented). */
  undecorated: Order[];
}

const header = (result: Result, name: string): string | undefined => {
  const key = Object.keys(result.headers ?? {}).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : result.headers?.[key];
};

const PEERS: Record<string, Peer> = {
  'http-cors': {
    make: () => httpCors({ origins: [ORIGIN] }),
    added: (r) => header(r, 'access-control-allow-origin') === ORIGIN,
    // Registered after errorNormalizer, its onError runs first and finds no response yet.
    undecorated: ['errorNormalizer first'],
  },
  'http-security-headers': {
    make: () => httpSecurityHeaders(),
    added: (r) => header(r, 'x-content-type-options') === 'nosniff',
    undecorated: ['errorNormalizer first'],
  },
  'http-response-serializer': {
    make: () =>
      httpResponseSerializer({
        serializers: [
          { regex: /^application\/json$/, serializer: ({ body }) => JSON.stringify(body) },
        ],
        defaultContentType: 'application/json',
      }),
    // Our answers carry their Content-Type, so the serializer leaves them as they are.
    added: (r) => header(r, 'content-type') === 'application/json',
    undecorated: [],
  },
  'http-header-normalizer': {
    make: () => httpHeaderNormalizer(),
    added: () => true,
    undecorated: [],
  },
  'http-event-normalizer': {
    make: () => httpEventNormalizer() as MiddlewareObj,
    added: () => true,
    undecorated: [],
  },
};

const FAILURES: Array<[string, number, () => unknown, ErrorNormalizerOptions?]> = [
  ['an Error', 500, () => Promise.reject(new Error('boom at db-7.internal'))],
  ['a 4xx createError', 400, () => Promise.reject(createError(400, 'name is required'))],
  ['throw undefined', 500, () => Promise.reject(undefined)],
  ['a thrown string', 500, () => Promise.reject('plain string')],
  [
    'maintenance',
    503,
    async () => ({ statusCode: 200, body: 'ok' }),
    { maintenance: maintenance('15m') },
  ],
  ['a malformed result', 500, async () => ({ statusCode: 'x' })],
];

const request = () => {
  const event = fixture('apigw-request.json') as { headers: Record<string, string> };
  event.headers.Origin = ORIGIN;
  return event;
};

const build = (
  order: Order,
  peer: MiddlewareObj,
  handler: () => unknown,
  options: ErrorNormalizerOptions = {},
) => {
  const ours = errorNormalizer({ logger: new Logger(), ...options });
  const wrapped = middy(handler as () => Promise<unknown>);
  // Middy's docs register http-error-handler last; its onError then runs first.
  return order === 'errorNormalizer last'
    ? wrapped.use(peer).use(ours)
    : wrapped.use(ours).use(peer);
};

const expectOurs = (result: Result, status: number) => {
  expect(result.statusCode).toBe(status);
  const body = JSON.parse(result.body ?? '');
  expect(body.traceId).toBe(invocation.trace.root);
  expect(header(result, 'x-trace-id')).toBe(invocation.trace.root);
  if (status === 503) expect(header(result, 'retry-after')).toMatch(/^\d+$/);
  expect(result.body).not.toContain('db-7.internal');
};

describe.each(Object.entries(PEERS))('errorNormalizer with @middy/%s', (_name, peer) => {
  describe.each(['errorNormalizer last', 'errorNormalizer first'] as const)('%s', (order) => {
    it.each(FAILURES)('answers %s by the contract', async (_kind, status, handler, options) => {
      const result = (await build(
        order,
        peer.make(),
        handler,
        options,
      )(request(), lambdaContext())) as Result;
      expectOurs(result, status);
      expect(peer.added(result)).toBe(!peer.undecorated.includes(order));
    });
  });
});

describe('errorNormalizer with @middy/http-error-handler', () => {
  it.each(FAILURES)(
    'registered last, answers %s itself first',
    async (_k, status, handler, options) => {
      const result = (await build(
        'errorNormalizer last',
        httpErrorHandler({ logger: false }),
        handler,
        options,
      )(request(), lambdaContext())) as Result;
      expectOurs(result, status);
    },
  );

  it.each(FAILURES)(
    'registered first, leaves %s to http-error-handler, which answers first',
    async (_k, status, handler, options) => {
      const result = (await build(
        'errorNormalizer first',
        httpErrorHandler({ logger: false }),
        handler,
        options,
      )(request(), lambdaContext())) as Result;
      // Middy's convention: a response set by an earlier onError is respected.
      expect(header(result, 'x-trace-id')).toBeUndefined();
      expect(result.statusCode).toBe(status === 400 || status === 503 ? status : 500);
    },
  );
});

describe('an onError that throws', () => {
  const throwing: MiddlewareObj = {
    onError: () => {
      throw new Error('onError broke');
    },
  };
  const failing = () => Promise.reject(new Error('boom'));

  it('escapes Middy with no answer: Middy re-throws what the onError threw', async () => {
    const handler = middy(failing)
      .use(throwing)
      .use(errorNormalizer({ logger: new Logger() }));
    await expect(handler(request(), lambdaContext())).rejects.toThrow('onError broke');
  });

  it('is answered by the outer net around the Middy handler', async () => {
    const inner = middy(failing)
      .use(throwing)
      .use(errorNormalizer({ logger: new Logger() }));
    const handler = withErrorNormalizer(inner, { logger: new Logger() });
    const result = (await handler(request(), lambdaContext())) as Result;
    expectOurs(result, 500);
    // Two lines: errorNormalizer's for the handler's error, the net's for the onError's.
    expect(invocation.output.logs('ERROR')).toHaveLength(2);
  });
});

describe('ALB with multi-value headers, @middy/http-cors and http-security-headers', () => {
  const albRequest = () => {
    const event = fixture('alb-lambda-target-request-multivalue-headers.json') as {
      multiValueHeaders: Record<string, string[]>;
    };
    event.multiValueHeaders.origin = [ORIGIN];
    return event;
  };
  const inner = () =>
    middy(() => Promise.reject(new Error('boom')))
      .use(httpCors({ origin: '*' }))
      .use(httpSecurityHeaders())
      .use(errorNormalizer({ logger: new Logger() }));

  it('alone, the CORS headers land in headers, which ALB drops (documented)', async () => {
    const result = (await inner()(albRequest(), lambdaContext())) as Result;
    expect(result.multiValueHeaders?.['X-Trace-Id']).toEqual([invocation.trace.root]);
    expect(result.headers?.['Access-Control-Allow-Origin']).toBe('*');
    expect(result.headers?.['X-Content-Type-Options']).toBe('nosniff');
  });

  it('with the outer net, every header is in multiValueHeaders and there is no headers map', async () => {
    const result = (await withErrorNormalizer(inner(), { logger: new Logger() })(
      albRequest(),
      lambdaContext(),
    )) as Result;
    expect(result.headers).toBeUndefined();
    expect(result.multiValueHeaders?.['X-Trace-Id']).toEqual([invocation.trace.root]);
    expect(result.multiValueHeaders?.['Access-Control-Allow-Origin']).toEqual(['*']);
    expect(result.multiValueHeaders?.['X-Content-Type-Options']).toEqual(['nosniff']);
    expect(result.statusCode).toBe(500);
  });
});
