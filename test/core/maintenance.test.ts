/**
 * Maintenance windows, against a fake clock (only `Date` is faked: Middy and Powertools keep
 * their real timers): on and off by option and by environment, `Retry-After` exact, the
 * handler never called while on, one WARN line per request, other events untouched, malformed
 * values refused when the window is built, and the old option forms refused with the import
 * that replaced them.
 */

import { Router } from '@aws-lambda-powertools/event-handler/http';
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ErrorNormalizerOptions,
  errorNormalizer,
  routerErrorHandler,
  withErrorNormalizer,
} from '../../src/index.js';
import { MAINTENANCE_ENV, maintenance } from '../../src/maintenance.js';
import { eachInvocation, fixture, lambdaContext } from '../support/lambda.js';

const invocation = eachInvocation();

const NOW = Date.parse('2026-11-29T05:00:00.000Z');
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  delete process.env[MAINTENANCE_ENV];
});
afterEach(() => {
  vi.useRealTimers();
  delete process.env[MAINTENANCE_ENV];
});

type Result = { statusCode: number; headers: Record<string, string>; body: string };
type Handler = (event: unknown, context: Context) => Promise<unknown>;

const OK = { statusCode: 200, body: '{"ok":true}' };
const logger = () => new Logger({ serviceName: 'maintenance-test' });
const iso = (ms: number) => new Date(ms).toISOString();

/** The same handler behind each door that does maintenance. */
const doors = {
  middy: (handler: Handler, options: ErrorNormalizerOptions) =>
    middy(handler).use(errorNormalizer({ logger: logger(), ...options })) as Handler,
  withErrorNormalizer: (handler: Handler, options: ErrorNormalizerOptions) =>
    withErrorNormalizer(handler, { logger: logger(), ...options }) as Handler,
};

const call = async (handler: Handler, event: unknown = fixture('apigw-request.json')) =>
  (await handler(event, lambdaContext())) as Result;

describe.each(Object.entries(doors))('maintenance through %s', (_door, wrap) => {
  it('still answers 503 when the logger throws, the line kept on stderr at WARN', async () => {
    const broken = {
      error: () => {
        throw new Error('log sink closed');
      },
      warn: () => {
        throw new Error('log sink closed');
      },
    };
    const handler = vi.fn(async () => OK);
    const wrapped = wrap(handler, { logger: broken, maintenance: maintenance(iso(NOW + 5_000)) });
    const result = await call(wrapped);
    expect(result.statusCode).toBe(503);
    expect(result.headers['Retry-After']).toBe('5');
    expect(handler).not.toHaveBeenCalled();
    const fallback = invocation.output
      .logs()
      .filter((line) => line.message === 'Maintenance window: answered 503 service_unavailable');
    expect(fallback).toEqual([expect.objectContaining({ level: 'WARN', kind: 'maintenance' })]);
  });

  it('answers 503 with the exact Retry-After and never runs the handler', async () => {
    const handler = vi.fn(async () => OK);
    const end = NOW + 90_200;
    const wrapped = wrap(handler, { maintenance: maintenance(iso(end)) });

    const first = await call(wrapped);
    expect(first.statusCode).toBe(503);
    expect(first.headers['Retry-After']).toBe('91');
    const context = lambdaContext();
    const body = JSON.parse(
      ((await wrapped(fixture('apigw-request.json'), context)) as Result).body,
    );
    expect(body).toEqual({
      error: 'service_unavailable',
      message: `The service is down for planned maintenance until ${iso(end)}. Retry later.`,
      traceId: invocation.trace.root,
      requestId: context.awsRequestId,
    });

    vi.setSystemTime(end - 300);
    expect((await call(wrapped)).headers['Retry-After']).toBe('1');
    vi.setSystemTime(end - 1_000);
    expect((await call(wrapped)).headers['Retry-After']).toBe('1');
    vi.setSystemTime(end - 1_001);
    expect((await call(wrapped)).headers['Retry-After']).toBe('2');
    expect(handler).not.toHaveBeenCalled();

    // The window ends by itself: no redeploy, the handler runs again.
    vi.setSystemTime(end);
    expect(await call(wrapped)).toEqual(OK);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('logs one WARN line per request, never ERROR, with what an operator needs', async () => {
    const wrapped = wrap(async () => OK, { maintenance: maintenance('15m') });
    await call(wrapped);
    await call(wrapped);
    expect(invocation.output.logs('ERROR')).toEqual([]);
    const warns = invocation.output.logs('WARN');
    expect(warns).toHaveLength(2);
    expect(warns[0]).toMatchObject({
      message: 'Maintenance window: answered 503 service_unavailable',
      status: 503,
      code: 'service_unavailable',
      kind: 'maintenance',
      eventSource: 'apigateway-rest',
      retryAfter: 900,
      maintenanceUntil: iso(NOW + 900_000),
    });
  });

  it('lets an SQS event through to the handler, untouched', async () => {
    const handler = vi.fn(async (event: unknown) => ({ seen: event }));
    const wrapped = wrap(handler, { maintenance: maintenance('2h') });
    const event = fixture('sqs-event.json');
    expect(await wrapped(event, lambdaContext())).toEqual({ seen: fixture('sqs-event.json') });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(invocation.output.logs('WARN')).toEqual([]);
  });

  it('is switched on by the environment variable, read once by maintenance()', async () => {
    process.env[MAINTENANCE_ENV] = '90s';
    const handler = vi.fn(async () => OK);
    const wrapped = wrap(handler, { maintenance: maintenance() });
    delete process.env[MAINTENANCE_ENV];
    const result = await call(wrapped);
    expect(result.statusCode).toBe(503);
    expect(result.headers['Retry-After']).toBe('90');
    expect(handler).not.toHaveBeenCalled();
  });

  it('without the maintenance option, the environment variable is not read', async () => {
    process.env[MAINTENANCE_ENV] = '2h';
    expect(await call(wrap(async () => OK, {}))).toEqual(OK);
  });

  it('the option wins over the environment variable', async () => {
    process.env[MAINTENANCE_ENV] = '2h';
    const result = await call(wrap(async () => OK, { maintenance: maintenance('15m') }));
    expect(result.headers['Retry-After']).toBe('900');
  });
});

describe('maintenance off', () => {
  it.each([
    ['no end, no variable', undefined, undefined],
    ['an end in the past', iso(NOW - 1), undefined],
    ['an end exactly now', new Date(NOW), undefined],
    ['a zero duration', '0s', undefined],
    ['an empty variable', undefined, ''],
    ['a blank variable', undefined, '  '],
    ['a variable whose end is past', undefined, '2026-11-29T04:59:59Z'],
  ])('%s: the handler runs', async (_name, until, env) => {
    if (env !== undefined) process.env[MAINTENANCE_ENV] = env;
    const handler = vi.fn(async () => OK);
    const window = maintenance(until);
    expect(await call(doors.middy(handler, { maintenance: window }))).toEqual(OK);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(invocation.output.logs('WARN')).toEqual([]);
  });

  it('an uncaught error still gets the usual answer (the window is not a catch-all)', async () => {
    const wrapped = doors.middy(async () => {
      throw new Error('boom');
    }, {});
    expect((await call(wrapped)).statusCode).toBe(500);
  });
});

describe('maintenance values', () => {
  it.each([
    ['an ISO time with Z', '2026-11-29T06:00:00Z', NOW + 3_600_000],
    ['an ISO time with an offset', '2026-11-29T07:30:00+02:00', NOW + 30 * 60_000],
    ['an ISO time without seconds', '2026-11-29T05:01Z', NOW + 60_000],
    ['an ISO time with fractions', '2026-11-29T05:00:01.500Z', NOW + 1_500],
    ['seconds', '90s', NOW + 90_000],
    ['minutes', '15m', NOW + 900_000],
    ['hours', '2h', NOW + 7_200_000],
    ['surrounding blanks', ' 15m ', NOW + 900_000],
    ['a leap day', '2028-02-29T05:00:00Z', Date.parse('2028-02-29T05:00:00Z')],
  ])('accepts %s', async (_name, value, end) => {
    const result = await call(
      doors.withErrorNormalizer(async () => OK, { maintenance: maintenance(value) }),
    );
    // Whole seconds left, at least 1 and at most a day (MAX_RETRY_AFTER_SECONDS).
    const left = Math.min(Math.max(1, Math.ceil((end - NOW) / 1_000)), 86_400);
    expect(result.headers['Retry-After']).toBe(String(left));
    expect(JSON.parse(result.body).message).toContain(iso(end));
  });

  it('accepts a Date', async () => {
    const result = await call(
      doors.middy(async () => OK, { maintenance: maintenance(new Date(NOW + 4_500)) }),
    );
    expect(result.headers['Retry-After']).toBe('5');
  });

  const MALFORMED = [
    'tomorrow',
    '2026-11-29T06:00:00',
    '2026-11-29',
    '15x',
    '15',
    '-5m',
    '1.5h',
    '2026-11-29T06:00:00+0200',
    '2026-13-01T00:00:00Z',
    '2026-02-30T06:00:00Z',
  ];

  it.each(MALFORMED)(
    'refuses the end %j when the window is built, with a clear message',
    (value) => {
      expect(() => maintenance(value)).toThrow(TypeError);
      expect(() => maintenance(value)).toThrow(
        `maintenance(): the end must be an ISO 8601 end time with an offset (2026-11-29T06:00:00Z) or a duration (90s, 15m, 2h), got ${JSON.stringify(value.trim())}`,
      );
    },
  );

  it.each(MALFORMED)('refuses the variable %j when the window is built, naming it', (value) => {
    process.env[MAINTENANCE_ENV] = value;
    expect(() => maintenance()).toThrow(TypeError);
    expect(() => maintenance()).toThrow(
      `maintenance(): ${MAINTENANCE_ENV} must be an ISO 8601 end time`,
    );
  });

  it('refuses an empty end, though an empty variable means off', () => {
    // In code, '' is a bug to report; in the environment, '' is how an operator switches the
    // window off while keeping the key (update-function-configuration replaces the whole map).
    expect(() => maintenance('')).toThrow(
      'maintenance(): the end must be an ISO 8601 end time with an offset',
    );
    process.env[MAINTENANCE_ENV] = '';
    expect(maintenance().until).toBeUndefined();
  });

  it('refuses an invalid Date and an end of the wrong type', () => {
    expect(() => maintenance(new Date(Number.NaN))).toThrow(
      'maintenance(): the end is an invalid Date',
    );
    expect(() => maintenance(900 as unknown as string)).toThrow(
      'maintenance(): the end must be an ISO 8601 end time, a Date or a duration (15m), got number',
    );
    expect(() => maintenance(null as unknown as string)).toThrow('got null');
  });

  it.each([
    ['a string', '15m', 'string'],
    ['a Date', new Date(NOW + 60_000), 'object'],
    ['true', true, 'true'],
    ['false', false, 'false'],
  ])('refuses the 0.1 option form %s at construction, naming the import', (_name, value, shown) => {
    for (const [door, build] of [
      ['errorNormalizer', () => errorNormalizer({ maintenance: value as never })],
      [
        'withErrorNormalizer',
        () => withErrorNormalizer(async () => OK, { maintenance: value as never }),
      ],
    ] as const) {
      expect(build).toThrow(
        `${door}: "maintenance" must be maintenance() from 'lambda-error-normalizer/maintenance' (maintenance('15m') for a fixed end), got ${shown}`,
      );
    }
  });
});

describe('the Router door', () => {
  it('refuses a maintenance option in its types and, for JavaScript callers, at construction', () => {
    // @ts-expect-error: RouterErrorHandlerOptions has no maintenance.
    expect(() => routerErrorHandler({ maintenance: maintenance('15m') })).toThrow(
      'routerErrorHandler: "maintenance" cannot act from an error handler; wrap app.resolve with withErrorNormalizer(resolve, { maintenance: maintenance() }) instead',
    );
  });

  it('does no maintenance itself; wrapping app.resolve in withErrorNormalizer does', async () => {
    const handler = vi.fn(async () => ({ statusCode: 200, body: '{}' }));
    const app = new Router();
    app.post('/hello/world', handler);
    app.errorHandler(Error, routerErrorHandler({ logger: logger() }));
    // The Router checks the event's shape; the fixture predates `isBase64Encoded`.
    const event = { ...fixture('apigw-request.json'), isBase64Encoded: false };
    process.env[MAINTENANCE_ENV] = '15m';

    // The error handler runs only when a route fails: it cannot stop a route from running.
    const routed = (await app.resolve(event, lambdaContext())) as Result;
    expect(routed.statusCode).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);

    const wrapped = withErrorNormalizer((e: unknown, c: Context) => app.resolve(e as never, c), {
      logger: logger(),
      maintenance: maintenance(),
    });
    const closed = (await wrapped(event, lambdaContext())) as Result;
    expect(closed.statusCode).toBe(503);
    expect(closed.headers['Retry-After']).toBe('900');
    expect(handler).toHaveBeenCalledTimes(1);
  });
});
