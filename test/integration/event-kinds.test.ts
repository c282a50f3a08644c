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
import { eventSourceOf } from '../../src/core/event-source.js';
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
type Expected = typeof INTERNAL;
const THROWN: [string, () => unknown, Expected][] = [
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

/** Every fixture of `keys` with every thrown kind. */
const withThrown = (keys: string[]): [string, string, () => unknown, Expected][] =>
  keys.flatMap((key) =>
    THROWN.map(([kind, make, expected]): [string, string, () => unknown, Expected] => [
      key,
      kind,
      make,
      expected,
    ]),
  );

describe('every event kind', () => {
  it('classifies every fixture file (a new file needs a row in event-kinds.table.ts)', () => {
    expect(fixtureKeys().sort()).toEqual(Object.keys(EVENT_KINDS).sort());
    // Each answerable source and both re-thrown kinds have real samples.
    expect(new Set(Object.values(EVENT_KINDS)).size).toBe(8);
  });

  it.each(withThrown(rethrownKeys))('re-throws on %s: %s', async (key, _kind, make) => {
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

  it.each(withThrown(answeredKeys))('answers %s: %s', async (key, _kind, make, expected) => {
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

/** A real request with `path` (field names, outermost first) removed. */
const without = (key: string, path: string[]): unknown => {
  const event = loadEvent(key) as Record<string, unknown>;
  let holder = event;
  for (const name of path.slice(0, -1)) holder = holder[name] as Record<string, unknown>;
  delete holder[path.at(-1) as string];
  return event;
};

describe('the evidence of each source', () => {
  it.each<[string, string[]]>([
    ['aws-events/apigw-request.json', ['httpMethod']],
    ['aws-events/apigw-request.json', ['requestContext', 'requestId']],
    ['aws-events/apigw-request.json', ['requestContext', 'apiId']],
    ['aws-events/apigw-v2-request-no-authorizer.json', ['rawPath']],
    ['aws-events/apigw-v2-request-no-authorizer.json', ['requestContext', 'http', 'method']],
    ['aws-events/lambda-urls-request.json', ['requestContext', 'http']],
    ['aws-events/apigw-websocket-request.json', ['requestContext', 'eventType']],
    ['aws-lambda-go/apigw-websocket-request-send-message.json', ['requestContext', 'routeKey']],
    ['aws-events/alb-lambda-target-request-headers-only.json', ['httpMethod']],
    [
      'aws-events/alb-lambda-target-request-headers-only.json',
      ['requestContext', 'elb', 'targetGroupArn'],
    ],
    ['powertools-typescript/vpc-lattice-v2-base.json', ['method']],
    ['powertools-typescript/vpc-lattice-base.json', ['is_base64_encoded']],
    ['powertools-typescript/vpc-lattice-base.json', ['raw_path']],
  ])('re-throws %s without %j, a field its service always sets', async (key, path) => {
    const thrown = new Error('boom');
    await expect(throwing(thrown)(without(key, path), lambdaContext())).rejects.toBe(thrown);
    expect(invocation.output.lines).toEqual([]);
  });

  it.each(
    answeredKeys.flatMap((key) =>
      [
        ['type', 'REQUEST'],
        ['methodArn', 'arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/'],
        ['routeArn', 'arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/'],
        ['authorizationToken', 'allow'],
      ].map(([field, value]) => [key, field as string, value as string]),
    ),
  )('takes %s with a %s for an authorizer input', (key, field, value) => {
    const event = { ...(loadEvent(key) as object), [field]: value };
    expect(eventSourceOf(event)).toBeUndefined();
  });
});

describe('authorizer and non-HTTP shapes with extra fields', () => {
  const rethrown = rethrownKeys.map((key) => ({ key, event: loadEvent(key) }));
  const answered = answeredKeys.map((key) => loadEvent(key) as Record<string, unknown>);
  const requestFields = [...new Set(answered.flatMap((event) => Object.keys(event)))];
  const discriminators = ['type', 'methodArn', 'routeArn', 'authorizationToken'];

  /**
   * A re-thrown fixture, with random noise under it and fields of a real proxy request over it.
   * An API Gateway or AppSync authorizer input may take any of them, `requestContext` too: it
   * still carries what it authorizes. Other events (the IoT authorizer among them) get what a
   * direct invoke may carry short of a request's signature: no `requestContext`, and no
   * `raw_path` (VPC Lattice 1.0 has nothing else to tell it by).
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
      const marked = discriminators.some((field) => field in (base.event as object));
      const extra = Object.fromEntries(
        fields
          .filter((field) => marked || (field !== 'requestContext' && field !== 'raw_path'))
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
      { numRuns: Number(process.env.RUNS ?? 300) },
    );
    expect(invocation.output.lines).toEqual([]);
  });
});
