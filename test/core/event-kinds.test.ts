/**
 * One table over every real event fixture: proxy requests are answered by the contract in the
 * shape of their source, and everything else (authorizers above all: their contract is a thrown
 * `Error('Unauthorized')` or a policy) gets back the very value that was thrown, with nothing
 * logged, whatever that value is.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import { createError } from '@middy/util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventSourceOf } from '../../src/event-source.js';
import { errorNormalizer } from '../../src/index.js';
import { eachInvocation, lambdaContext } from '../support/lambda.js';
import {
  answeredKeys,
  EVENT_KINDS,
  fixtureKeys,
  loadEvent,
  rethrownKeys,
} from './event-kinds.table.js';

type Result = Record<string, unknown> & { statusCode: number; body: string };

const invocation = eachInvocation();

/** A value whose every operation (get, has, getPrototypeOf, ownKeys...) throws. */
const hostileProxy = (): object =>
  new Proxy(
    {},
    new Proxy(
      {},
      {
        get: () => () => {
          throw new Error('proxy trap');
        },
      },
    ),
  );

const INTERNAL = {
  status: 500,
  error: 'internal_server_error',
  message: 'An internal error occurred.',
};

/** Each hostile thrown kind, made fresh per test, and the answer a proxy request gets for it. */
const THROWN: [string, () => unknown, typeof INTERNAL][] = [
  ['an Error', () => new Error('db password=hunter2 rejected'), INTERNAL],
  ['a string', () => 'plain string', INTERNAL],
  ['null', () => null, INTERNAL],
  ['undefined', () => undefined, INTERNAL],
  ['a frozen object', () => Object.freeze({ message: 'frozen', statusCode: 'x' }), INTERNAL],
  [
    "createError(401, 'Unauthorized')",
    () => createError(401, 'Unauthorized'),
    { status: 401, error: 'unauthorized', message: 'Unauthorized' },
  ],
  // The authorizer contract's own error: a plain Error, so a proxy request answers it as a 500.
  ["new Error('Unauthorized')", () => new Error('Unauthorized'), INTERNAL],
  ['a Proxy whose every trap throws', hostileProxy, INTERNAL],
];

const throwing = (thrown: unknown) =>
  middy(async () => {
    throw thrown;
  }).use(errorNormalizer({ logger: new Logger() }));

const cross = <A, B>(as: A[], bs: B[]): [A, B][] =>
  as.flatMap((a) => bs.map((b) => [a, b] as [A, B]));

describe('every event kind', () => {
  it('classifies every fixture file (a new file needs a row in event-kinds.table.ts)', () => {
    expect(fixtureKeys().sort()).toEqual(Object.keys(EVENT_KINDS).sort());
    // Each answerable source and both re-thrown kinds have real samples.
    expect(new Set(Object.values(EVENT_KINDS)).size).toBe(8);
  });

  it.each(cross(rethrownKeys, THROWN))('re-throws on %s: %s', async (key, [, make]) => {
    const thrown = make();
    await expect(throwing(thrown)(loadEvent(key), lambdaContext())).rejects.toBe(thrown);
    expect(invocation.output.lines).toEqual([]);
  });

  it.each(rethrownKeys)('passes the result of a handler of %s through untouched', async (key) => {
    // An authorizer's answer is a policy or a simple response, never an HTTP result.
    const policy = { principalId: 'user', policyDocument: { Version: '2012-10-17' } };
    const handler = middy(async () => policy).use(errorNormalizer({ logger: new Logger() }));
    await expect(handler(loadEvent(key), lambdaContext())).resolves.toBe(policy);
    expect(invocation.output.lines).toEqual([]);
  });

  it.each(cross(answeredKeys, THROWN))('answers %s: %s', async (key, [, make, expected]) => {
    const source = EVENT_KINDS[key];
    const event = loadEvent(key) as Record<string, unknown>;
    const context = lambdaContext();
    const result = (await throwing(make())(event, context)) as Result;

    expect(result.statusCode).toBe(expected.status);
    expect(result.isBase64Encoded).toBe(false);
    expect(JSON.parse(result.body)).toEqual({
      error: expected.error,
      message: expected.message,
      traceId: invocation.trace.root,
      requestId: context.awsRequestId,
    });
    // ALB with multi-value headers on reads only `multiValueHeaders`; every other source `headers`.
    const multi = source === 'alb' && typeof event.multiValueHeaders === 'object';
    const headers = multi
      ? Object.fromEntries(
          Object.entries(result.multiValueHeaders as Record<string, string[]>).map(([k, v]) => {
            expect(v).toHaveLength(1);
            return [k, v[0]];
          }),
        )
      : (result.headers as Record<string, string>);
    expect(multi ? result.headers : result.multiValueHeaders).toBeUndefined();
    expect(headers).toMatchObject({
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
      'X-Trace-Id': invocation.trace.root,
      'X-Request-Id': context.awsRequestId,
    });
    const reason = expected.status === 401 ? 'Unauthorized' : 'Internal Server Error';
    expect(result.statusDescription).toBe(
      source === 'alb' || source === 'vpc-lattice' ? `${expected.status} ${reason}` : undefined,
    );
    // Logged once, at the level of the status, under the source it was answered as.
    expect(invocation.output.logs()).toEqual([
      expect.objectContaining({
        level: expected.status >= 500 ? 'ERROR' : 'WARN',
        eventSource: source,
        status: expected.status,
      }),
    ]);
  });
});

describe('authorizer and non-HTTP shapes with extra fields', () => {
  const rethrown = rethrownKeys.map((key) => ({ key, event: loadEvent(key) }));
  const answered = answeredKeys.map((key) => loadEvent(key) as Record<string, unknown>);
  const requestFields = [...new Set(answered.flatMap((event) => Object.keys(event)))];
  const discriminators = ['type', 'methodArn', 'routeArn', 'authorizationToken'];

  /**
   * A re-thrown fixture, with random noise under it and fields of a real proxy request over it.
   * An authorizer may take any of them, `requestContext` too: it still says what it authorizes.
   * Other events get everything a direct invoke may carry short of a request's signature: no
   * `requestContext`, and no `raw_path` (VPC Lattice 1.0 has nothing else to tell it by).
   */
  const disguised = fc
    .record({
      base: fc.constantFrom(...rethrown),
      donor: fc.constantFrom(...answered),
      fields: fc.subarray(requestFields),
      noise: fc.dictionary(
        fc.string().filter((key) => !requestFields.includes(key) && !discriminators.includes(key)),
        fc.jsonValue(),
        { maxKeys: 4 },
      ),
    })
    .map(({ base, donor, fields, noise }) => {
      const authorizer = EVENT_KINDS[base.key] === 'authorizer';
      const extra = Object.fromEntries(
        fields
          .filter((field) => authorizer || (field !== 'requestContext' && field !== 'raw_path'))
          .filter((field) => field in donor)
          .map((field) => [field, donor[field]]),
      );
      return { key: base.key, event: { ...noise, ...(base.event as object), ...extra } };
    });

  it('never answers one, and re-throws the very value', async () => {
    await fc.assert(
      fc.asyncProperty(disguised, async ({ event }) => {
        expect(eventSourceOf(event)).toBeUndefined();
        const thrown = new Error('Unauthorized');
        await expect(throwing(thrown)(event, lambdaContext())).rejects.toBe(thrown);
      }),
      { numRuns: 300 },
    );
    expect(invocation.output.lines).toEqual([]);
  });
});
