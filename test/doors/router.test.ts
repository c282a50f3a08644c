/**
 * The Powertools event-handler Router door with the real Router over REST, HTTP API, ALB and
 * function URL events: its own HttpErrors keep status and message, route misses get our body,
 * and dev mode (`POWERTOOLS_DEV`), where the Router's default answer carries the stack, leaks
 * nothing through our handler.
 */
import {
  BadRequestError,
  MethodNotAllowedError,
  Router,
  UnauthorizedError,
} from '@aws-lambda-powertools/event-handler/http';
import { cors } from '@aws-lambda-powertools/event-handler/http/middleware';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { routerErrorHandler, withErrorNormalizer } from '../../src/index.js';
import { eachInvocation, fixture, lambdaContext } from '../support/lambda.js';
import { newLogger, normalize, routerReady } from './support.js';

const invocation = eachInvocation();

const EVENTS = [
  ['REST API', 'apigw-request.json'],
  ['HTTP API', 'apigw-v2-request-no-authorizer.json'],
  ['ALB', 'alb-lambda-target-request-headers-only.json'],
  ['function URL', 'lambda-urls-request.json'],
] as const;

/** An app whose only route is at `/elsewhere`, and whose error handler is ours. */
const appThrowing = (thrown: () => Error) => {
  const app = new Router();
  const failing = async (): Promise<never> => {
    throw thrown();
  };
  for (const method of ['GET', 'POST'] as const) app.route(failing, { method, path: '/elsewhere' });
  app.errorHandler(Error, routerErrorHandler({ logger: newLogger() }));
  return app;
};

/** The event, moved to `path`. */
const at = (name: string, path: string): Record<string, unknown> => {
  const event = routerReady(fixture(name));
  if ('rawPath' in event) event.rawPath = path;
  else event.path = path;
  return event;
};

const resolve = async (app: Router, event: Record<string, unknown>) => {
  const context = lambdaContext();
  const answer = normalize(await app.resolve(event, context));
  return { answer, body: JSON.parse(answer.body), requestId: context.awsRequestId };
};

afterEach(() => {
  delete process.env.POWERTOOLS_DEV;
  vi.restoreAllMocks();
});

describe.each(EVENTS)('routerErrorHandler over %s', (_source, name) => {
  it('answers a route miss with our 404 body and ids', async () => {
    const { answer, body, requestId } = await resolve(
      appThrowing(() => new Error('x')),
      at(name, '/nowhere'),
    );
    expect(answer.statusCode).toBe(404);
    expect(body).toEqual({
      error: 'not_found',
      message: expect.stringContaining('/nowhere'),
      traceId: invocation.trace.root,
      requestId,
    });
    expect(answer.headers['x-request-id']).toBe(requestId);
    expect(invocation.output.logs('WARN')).toHaveLength(1);
  });

  it.each([
    ['BadRequestError', () => new BadRequestError('Missing "id"'), 400, 'bad_request'],
    ['UnauthorizedError', () => new UnauthorizedError('Sign in first'), 401, 'unauthorized'],
    [
      'MethodNotAllowedError',
      () => new MethodNotAllowedError('Use GET'),
      405,
      'method_not_allowed',
    ],
  ])('keeps the status and message of the Router %s', async (_n, thrown, status, code) => {
    const { answer, body } = await resolve(appThrowing(thrown), at(name, '/elsewhere'));
    expect(answer.statusCode).toBe(status);
    expect(body.error).toBe(code);
    expect(body.message).toBe(thrown().message);
  });

  it('leaks no stack and no secret in dev mode', async () => {
    process.env.POWERTOOLS_DEV = 'true';
    const consoleCalls: unknown[][] = [];
    for (const level of ['error', 'warn', 'info', 'debug', 'log'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        consoleCalls.push(args);
      });
    }
    const secret = () => new Error('connect postgres://app:hunter2@db.internal:5432/app refused');
    const { answer, body } = await resolve(appThrowing(secret), at(name, '/elsewhere'));
    expect(answer.statusCode).toBe(500);
    expect(body.message).toBe('An internal error occurred.');
    expect(answer.body).not.toMatch(/hunter2|postgres|stack|\bat /);
    // In dev mode Powertools Logger writes indented JSON through the global console.
    const written = consoleCalls.map((args) => args.map(String).join(' ')).join('\n');
    expect(written).toContain('postgres://app:***@db.internal');
    expect(written).not.toContain('hunter2');
  });

  it('without our handler, the Router itself answers without ids (the gap this door fills)', async () => {
    const app = new Router();
    app.route(
      async () => {
        throw new Error('boom');
      },
      { method: ['GET', 'POST'], path: '/elsewhere' },
    );
    const { body } = await resolve(app, at(name, '/elsewhere'));
    expect(body).not.toHaveProperty('traceId');
    expect(body).not.toHaveProperty('requestId');
  });
});

describe('the Router’s own DEBUG line', () => {
  const SECRET = 'hunter2-router-debug';
  const failing = async (): Promise<never> => {
    throw new Error(`connect postgres://app:${SECRET}@db.internal:5432/app refused`);
  };
  const event = () => at('apigw-request.json', '/elsewhere');
  const written = () => invocation.output.lines.map((line) => line.text).join('\n');

  afterEach(() => {
    delete process.env.AWS_LAMBDA_LOG_LEVEL;
  });

  it('is the raw message without errors.logger (AWS_LAMBDA_LOG_LEVEL=DEBUG): the leak it closes', async () => {
    process.env.AWS_LAMBDA_LOG_LEVEL = 'DEBUG';
    const debug: unknown[][] = [];
    vi.spyOn(console, 'debug').mockImplementation((...args: unknown[]) => {
      debug.push(args);
    });
    const app = new Router();
    app.route(failing, { method: ['GET', 'POST'], path: '/elsewhere' });
    app.errorHandler(Error, routerErrorHandler({ logger: newLogger() }));
    await resolve(app, event());
    expect(debug.flat().join(' ')).toContain(SECRET);
  });

  it('is written redacted by the handler’s logger through errors.logger', async () => {
    const errors = routerErrorHandler({
      logger: new Logger({ serviceName: 'doors-test', logLevel: 'DEBUG' }),
    });
    const app = new Router({ logger: errors.logger });
    app.route(failing, { method: ['GET', 'POST'], path: '/elsewhere' });
    app.errorHandler(Error, errors);
    app.use(errors.middleware);
    const { answer } = await resolve(app, event());
    expect(answer.statusCode).toBe(500);
    const line = invocation.output
      .logs('DEBUG')
      .find((json) => String(json.message).includes('error processing'));
    expect(line?.message).toContain('postgres://app:***@db.internal');
    expect(written()).not.toContain(SECRET);
  });

  it('an Error given to it is written as its redacted text', () => {
    const lines: unknown[][] = [];
    const logger = {
      error: (...args: unknown[]) => lines.push(args),
      warn: (...args: unknown[]) => lines.push(args),
    };
    const errors = routerErrorHandler({ logger });
    errors.logger.error(new TypeError(`token=${SECRET}`), 42);
    errors.logger.debug('not written: this logger has no debug');
    expect(lines).toEqual([['TypeError: token=[REDACTED]', 42]]);
  });

  it('a logger that throws is said once on stderr, and the answer still goes out', async () => {
    const broken = {
      error: () => undefined,
      warn: () => undefined,
      debug: () => {
        throw new Error('logger down');
      },
    };
    const errors = routerErrorHandler({ logger: broken });
    const app = new Router({ logger: errors.logger });
    app.route(failing, { method: ['GET', 'POST'], path: '/elsewhere' });
    app.errorHandler(Error, errors);
    const { answer, body } = await resolve(app, event());
    await resolve(app, event());
    expect(answer.statusCode).toBe(500);
    expect(body.error).toBe('internal_server_error');
    const said = invocation.output.lines.filter((line) =>
      line.text.includes('Router logger failed'),
    );
    expect(said).toHaveLength(1);
  });
});

describe('CORS through the Router', () => {
  const failingApp = (withCors: boolean) => {
    const errors = routerErrorHandler({ logger: newLogger() });
    const app = new Router({ logger: errors.logger });
    if (withCors) app.use(cors({ origin: 'https://app.example', exposeHeaders: ['X-Custom'] }));
    app.route(
      async () => {
        throw new Error('boom');
      },
      { method: ['GET', 'POST'], path: '/elsewhere' },
    );
    app.errorHandler(Error, errors);
    return app;
  };
  const withOrigin = (name: string) => {
    const event = at(name, '/elsewhere');
    event.headers = { ...(event.headers as object), origin: 'https://app.example' };
    return event;
  };
  const exposed = (result: Record<string, unknown>) => {
    const single = result.headers as Record<string, string> | undefined;
    const multi = result.multiValueHeaders as Record<string, string[]> | undefined;
    const name = (map: object | undefined) =>
      Object.keys(map ?? {}).find((key) => key.toLowerCase() === 'access-control-expose-headers');
    return { single: single?.[name(single) ?? ''], multi: multi?.[name(multi) ?? ''] };
  };

  it('keeps the expose list of the Router’s cors() beside ours', async () => {
    const { answer } = await resolve(failingApp(true), withOrigin('apigw-request.json'));
    const { single, multi } = exposed(answer as unknown as Record<string, unknown>);
    const names = (multi ?? single?.split(',') ?? []).map((name) => name.trim());
    expect(names).toEqual(expect.arrayContaining(['X-Custom', 'X-Trace-Id', 'X-Request-Id']));
  });

  it('on an ALB without multi-value headers, the wrapped Router answers every header in headers', async () => {
    const app = failingApp(false);
    const handler = withErrorNormalizer((event: Record<string, unknown>, context: Context) =>
      app.resolve(event, context),
    );
    const event = withOrigin('alb-lambda-target-request-headers-only.json');
    const result = (await handler(event, lambdaContext())) as Record<string, unknown>;
    expect(result.multiValueHeaders).toBeUndefined();
    expect(exposed(result).single).toBe('X-Trace-Id, X-Request-Id, Retry-After');
    // The Router alone splits the list into multiValueHeaders, which this ALB never reads.
    const alone = (await app.resolve(event, lambdaContext())) as Record<string, unknown>;
    expect(exposed(alone).single).toBeUndefined();
  });
});
