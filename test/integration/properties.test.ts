/**
 * Property tests: whatever is thrown, whatever the trace header says, the middleware answers a
 * valid contract response, leaks nothing of a 5xx, echoes only well-formed trace ids, and never
 * throws itself. 11,000 generated cases in all.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorNormalizer } from '../../src/index.js';
import { captureOutput, fixture, lambdaContext } from '../support/lambda.js';

const REQUEST_FIXTURES = [
  'apigw-request.json',
  'apigw-v2-request-no-authorizer.json',
  'lambda-urls-request.json',
  'alb-lambda-target-request-headers-only.json',
  'alb-lambda-target-request-multivalue-headers.json',
  'apigw-websocket-request.json',
];
const GENERIC_5XX = new Set([
  'An internal error occurred.',
  'An upstream service failed to answer.',
  'The service is busy. Retry later.',
  'The request took too long to complete.',
  'This operation is not implemented.',
]);
const ROOT = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;

let output: ReturnType<typeof captureOutput>;
beforeAll(() => {
  delete process.env._X_AMZN_TRACE_ID;
  output = captureOutput();
});
afterAll(() => output.restore());

const logger = new Logger({ serviceName: 'property-test' });

// Built on demand: fast-check itself inspects the values it generates, and this one bites.
const hostileProxy = () =>
  new Proxy(
    {},
    {
      get() {
        throw new Error('get trap');
      },
      getPrototypeOf() {
        throw new Error('prototype trap');
      },
      ownKeys() {
        throw new Error('ownKeys trap');
      },
      has() {
        throw new Error('has trap');
      },
    },
  );

const HOSTILE = Symbol.for('hostile proxy');

const circular = fc.string().map((message) => {
  const a = new Error(message) as Error & { cause?: unknown };
  a.cause = new Error('inner', { cause: a });
  return a;
});

/** Error-shaped values with arbitrary, often nonsensical, HTTP and SDK fields. */
const errorLike = fc
  .record(
    {
      message: fc.oneof(fc.string({ maxLength: 300 }), fc.anything()),
      name: fc.oneof(fc.constantFrom('TimeoutError', 'ThrottlingException', 'Error'), fc.string()),
      statusCode: fc.oneof(fc.integer({ min: -10, max: 1000 }), fc.anything()),
      status: fc.integer({ min: 100, max: 700 }),
      expose: fc.oneof(fc.boolean(), fc.anything()),
      code: fc.oneof(fc.constantFrom('ECONNREFUSED', 'ETIMEDOUT', 'EAI_AGAIN'), fc.string()),
      $fault: fc.constantFrom('client', 'server', 'other'),
      $retryable: fc.oneof(fc.record({ throttling: fc.boolean() }), fc.anything()),
      cause: fc.anything(),
    },
    { requiredKeys: [] },
  )
  .map((fields) => {
    const error = new Error('generated');
    for (const [key, value] of Object.entries(fields)) {
      Object.defineProperty(error, key, { value, enumerable: true, configurable: true });
    }
    return error;
  });

const thrownValue = fc.oneof(
  fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
  }),
  errorLike,
  errorLike.map((error) => Object.freeze(error)),
  circular,
  fc.constant(HOSTILE),
  fc.string().map((text) => Symbol(text)),
);

type Result = {
  statusCode: number;
  statusDescription?: string;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  body: string;
};

const headerOf = (result: Result, name: string): string | undefined =>
  result.headers?.[name] ?? result.multiValueHeaders?.[name]?.[0];

const read = (value: unknown, key: string): unknown => {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
};

describe('properties', () => {
  it('answers any thrown value with a valid contract response and never throws', async () => {
    await fc.assert(
      fc.asyncProperty(thrownValue, fc.constantFrom(...REQUEST_FIXTURES), async (value, name) => {
        const thrown = value === HOSTILE ? hostileProxy() : value;
        const handler = middy(async () => {
          throw thrown;
        }).use(errorNormalizer({ logger }));
        const context = lambdaContext();
        const result = (await handler(fixture(name), context)) as Result;

        expect(Number.isInteger(result.statusCode)).toBe(true);
        expect(result.statusCode).toBeGreaterThanOrEqual(400);
        expect(result.statusCode).toBeLessThanOrEqual(599);
        const body = JSON.parse(result.body);
        expect(Object.keys(body).sort()).toEqual(['error', 'message', 'requestId', 'traceId']);
        expect(body.error).toMatch(/^[a-z0-9]+(_[a-z0-9]+)*$/);
        expect(typeof body.message).toBe('string');
        expect(body.message.length).toBeLessThanOrEqual(1_100);
        expect(body.requestId).toBe(context.awsRequestId);
        expect(headerOf(result, 'Content-Type')).toBe('application/json');
        expect(headerOf(result, 'Cache-Control')).toBe('no-store');

        // A 5xx shows a generic text, unless the error is an HTTP error that opted in.
        if (result.statusCode >= 500 && read(thrown, 'expose') !== true) {
          expect(GENERIC_5XX.has(body.message)).toBe(true);
        }
      }),
      { numRuns: Number(process.env.RUNS ?? 5_000) },
    );
  });

  it('echoes a trace header only as the well-formed Root it holds', async () => {
    const root = fc
      .tuple(fc.stringMatching(/^[0-9a-f]{8}$/), fc.stringMatching(/^[0-9a-f]{24}$/))
      .map(([time, id]) => `1-${time}-${id}`);
    const noise = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom('\r\nSet-Cookie: a=b', '<script>alert(1)</script>', 'x'.repeat(5_000)),
    );
    const header = fc.oneof(
      noise,
      root.map((r) => `Root=${r};Parent=53995c3f42cd8ad8;Sampled=1`),
      fc.tuple(root, noise).map(([r, n]) => `Root=${r}${n}`),
      fc.tuple(noise, root).map(([n, r]) => `${n};Root=${r}`),
    );
    await fc.assert(
      fc.asyncProperty(header, async (value) => {
        const event = fixture('apigw-request.json') as { headers: Record<string, string> };
        event.headers['X-Amzn-Trace-Id'] = value;
        const handler = middy(async () => {
          throw new Error('boom');
        }).use(errorNormalizer({ logger }));
        const result = (await handler(event, lambdaContext())) as Result;
        const { traceId } = JSON.parse(result.body);
        if (traceId === null) {
          expect(result.headers?.['X-Trace-Id']).toBeUndefined();
        } else {
          expect(traceId).toMatch(ROOT);
          expect(value).toContain(`Root=${traceId}`);
          expect(result.headers?.['X-Trace-Id']).toBe(traceId);
        }
        expect(JSON.stringify(result)).not.toMatch(/[\r\n]|<script/);
      }),
      { numRuns: Number(process.env.RUNS ?? 3_000) },
    );
  });

  it('answers in bounded size whatever the size of the thrown message', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 400, max: 599 }),
        async (size, status) => {
          const thrown = Object.assign(new Error('m'.repeat(size)), {
            statusCode: status,
            expose: true,
          });
          const handler = middy(async () => {
            throw thrown;
          }).use(errorNormalizer({ logger }));
          const result = (await handler(fixture('apigw-request.json'), lambdaContext())) as Result;
          expect(result.body.length).toBeLessThan(2_000);
        },
      ),
      // Each run builds, logs and redacts a message of up to 2 MB: a few hundred runs cover the
      // sizes (fast-check also tries the bounds) without making the suite's time depend on load.
      { numRuns: Number(process.env.RUNS ?? 300) },
    );
  });
});
