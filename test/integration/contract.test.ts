/**
 * The response contract, row by row, through real Middy and a real Powertools Logger, with the
 * real API Gateway REST event of test/fixtures/aws-events.
 */
import { connect, createServer } from 'node:net';
import { Logger } from '@aws-lambda-powertools/logger';
import { CloudWatchLogsServiceException } from '@aws-sdk/client-cloudwatch-logs';
import middy from '@middy/core';
import { createError } from '@middy/util';
import { describe, expect, it } from 'vitest';
import { errorNormalizer } from '../../src/index.js';
import { eachInvocation, fixture, lambdaContext } from '../support/lambda.js';

type Result = { statusCode: number; headers: Record<string, string>; body: string };

const invocation = eachInvocation();

const invoke = async (thrown: () => unknown, remainingMs?: number) => {
  const logger = new Logger({ serviceName: 'contract-test' });
  const handler = middy(async () => {
    throw thrown();
  }).use(errorNormalizer({ logger }));
  const context = lambdaContext(remainingMs === undefined ? {} : { remainingMs });
  const result = (await handler(fixture('apigw-request.json'), context)) as Result;
  return { result, body: JSON.parse(result.body), requestId: context.awsRequestId };
};

/** A port with nothing listening: bound, then released. */
const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
};

const refusedConnection = async (): Promise<Error> => {
  const port = await closedPort();
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('error', resolve);
  });
};

const GENERIC_500 = 'An internal error occurred.';

describe('response contract', () => {
  it('keeps the status and message of a createError 4xx, logged at WARN', async () => {
    const { result, body, requestId } = await invoke(() =>
      createError(404, 'No widget with id 42'),
    );
    expect(result.statusCode).toBe(404);
    expect(body).toEqual({
      error: 'not_found',
      message: 'No widget with id 42',
      traceId: invocation.trace.root,
      requestId,
    });
    expect(result.headers).toMatchObject({
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
      'X-Trace-Id': invocation.trace.root,
      'X-Request-Id': requestId,
    });
    const warnings = invocation.output.logs('WARN');
    expect(warnings).toHaveLength(1);
    expect(invocation.output.logs('ERROR')).toHaveLength(0);
    expect(warnings[0]).toMatchObject({
      xray_trace_id: invocation.trace.root,
      requestId,
      status: 404,
      code: 'not_found',
      error: { name: 'NotFoundError', message: 'No widget with id 42' },
    });
  });

  it.each([
    [400, 'bad_request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [409, 'conflict'],
    [422, 'unprocessable_entity'],
    [429, 'too_many_requests'],
  ])('derives the code of a %i from its status', async (status, code) => {
    const { result, body } = await invoke(() => createError(status, 'client says no'));
    expect(result.statusCode).toBe(status);
    expect(body.error).toBe(code);
    expect(body.message).toBe('client says no');
  });

  it('hides the message of a 4xx created with expose: false', async () => {
    const { result, body } = await invoke(() =>
      createError(403, 'user 17 lacks role admin', { expose: false }),
    );
    expect(result.statusCode).toBe(403);
    expect(body.message).toBe('Forbidden.');
  });

  it('hides the message of a createError 5xx unless it is exposed', async () => {
    const hidden = await invoke(() => createError(503, 'pool exhausted at db-7'));
    expect(hidden.result.statusCode).toBe(503);
    expect(hidden.body).toMatchObject({ error: 'service_unavailable' });
    expect(hidden.result.body).not.toContain('db-7');
    const shown = await invoke(() =>
      createError(502, 'Payment provider is down', { expose: true }),
    );
    expect(shown.body).toMatchObject({ error: 'bad_gateway', message: 'Payment provider is down' });
    expect(invocation.output.logs('ERROR')).toHaveLength(2);
  });

  it("answers Middy's TimeoutError (handler past its deadline) with a 504", async () => {
    const logger = new Logger();
    // A handler that never finishes: only Middy's deadline can end the invocation.
    const handler = middy(() => new Promise(() => {})).use(errorNormalizer({ logger }));
    const context = lambdaContext({ remainingMs: 60 });
    const result = (await handler(fixture('apigw-request.json'), context)) as Result;
    expect(result.statusCode).toBe(504);
    expect(JSON.parse(result.body)).toMatchObject({
      error: 'gateway_timeout',
      traceId: invocation.trace.root,
    });
    expect(invocation.output.logs('ERROR')[0]).toMatchObject({ error: { name: 'TimeoutError' } });
  });

  it('answers an ETIMEDOUT socket error with a 504', async () => {
    const { result, body } = await invoke(() =>
      Object.assign(new Error('connect ETIMEDOUT 10.0.0.1:5432'), { code: 'ETIMEDOUT' }),
    );
    expect(result.statusCode).toBe(504);
    expect(body.message).not.toContain('10.0.0.1');
  });

  it('answers an AWS SDK throttling error with a 503 and Retry-After', async () => {
    const { result, body } = await invoke(() => {
      const error = new CloudWatchLogsServiceException({
        name: 'ThrottlingException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'Rate exceeded for account 123456789012',
      });
      error.$retryable = { throttling: true };
      return error;
    });
    expect(result.statusCode).toBe(503);
    expect(result.headers['Retry-After']).toBe('1');
    expect(body.error).toBe('service_unavailable');
    expect(result.body).not.toContain('123456789012');
  });

  it('recognizes throttling by name alone (TooManyRequestsException)', async () => {
    const { result } = await invoke(() =>
      Object.assign(new Error('slow down'), { name: 'TooManyRequestsException' }),
    );
    expect(result.statusCode).toBe(503);
  });

  it('answers a real refused connection with a 502, also when wrapped in a cause', async () => {
    const refused = await refusedConnection();
    expect((refused as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
    const bare = await invoke(() => refused);
    expect(bare.result.statusCode).toBe(502);
    expect(bare.body.error).toBe('bad_gateway');
    const wrapped = await invoke(() => new Error('inventory call failed', { cause: refused }));
    expect(wrapped.result.statusCode).toBe(502);
    const error = invocation.output.logs('ERROR')[1]?.error as Record<string, unknown>;
    expect(error).toMatchObject({
      message: 'inventory call failed',
      cause: { code: 'ECONNREFUSED' },
    });
  });

  it('answers a fetch to a closed port (TypeError: fetch failed) with a 502', async () => {
    const port = await closedPort();
    const failure = await fetch(`http://127.0.0.1:${port}/`).catch((error: unknown) => error);
    const { result } = await invoke(() => failure);
    expect(result.statusCode).toBe(502);
  });

  it.each(['ECONNRESET', 'EAI_AGAIN'])('answers %s with a 502', async (code) => {
    const { result } = await invoke(() => Object.assign(new Error(`socket ${code}`), { code }));
    expect(result.statusCode).toBe(502);
  });

  it('answers an AWS SDK server fault with a 502', async () => {
    const { result } = await invoke(
      () =>
        new CloudWatchLogsServiceException({
          name: 'ServiceUnavailableException',
          $fault: 'server',
          $metadata: { httpStatusCode: 500 },
          message: 'internal failure',
        }),
    );
    expect(result.statusCode).toBe(502);
  });

  const circular = () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    return a;
  };
  const throwingGetters = () =>
    Object.defineProperties(new Error('x'), {
      message: {
        get() {
          throw new Error('getter');
        },
      },
      statusCode: {
        get() {
          throw new Error('getter');
        },
      },
    });

  it.each<[string, () => unknown]>([
    ['an Error', () => new Error('SELECT * FROM users WHERE password = $1 failed')],
    ['a string', () => 'plain string thrown'],
    ['null', () => null],
    ['undefined', () => undefined],
    ['a number', () => 42],
    ['a symbol', () => Symbol('s')],
    ['a frozen object', () => Object.freeze({ message: 'frozen', statusCode: 'nope' })],
    ['a circular cause chain', circular],
    ['an error whose getters throw', throwingGetters],
    ['a 10 MB message', () => new Error('x'.repeat(10 * 1024 * 1024))],
  ])('answers %s with a generic 500 and logs it at ERROR', async (_what, thrown) => {
    const { result, body, requestId } = await invoke(thrown);
    expect(result.statusCode).toBe(500);
    expect(body).toEqual({
      error: 'internal_server_error',
      message: GENERIC_500,
      traceId: invocation.trace.root,
      requestId,
    });
    const errors = invocation.output.logs('ERROR');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      xray_trace_id: invocation.trace.root,
      requestId,
      status: 500,
    });
    expect(invocation.output.lines.reduce((size, line) => size + line.text.length, 0)).toBeLessThan(
      200_000,
    );
  });

  it('logs the whole cause chain with stacks, and marks a circular link', async () => {
    await invoke(circular);
    const error = invocation.output.logs('ERROR')[0]?.error as Record<string, unknown>;
    expect(error).toMatchObject({
      name: 'Error',
      message: 'a',
      stack: expect.stringContaining('contract.test.ts'),
      cause: { name: 'Error', message: 'b', cause: { circular: true } },
    });
  });
});
