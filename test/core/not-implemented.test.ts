/**
 * 501 Not Implemented: our NotImplementedError, any library's error of that name, and Node's
 * own "not implemented" errors, through real Middy (and the other doors once); a 501 below the
 * surface of a cause chain is our own failure, a 500.
 */
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { Router } from '@aws-lambda-powertools/event-handler/http';
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import { createError } from '@middy/util';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  type ErrorNormalizerOptions,
  errorNormalizer,
  httpErrorRule,
  NotImplementedError,
  routerErrorHandler,
  withErrorNormalizer,
} from '../../src/index.js';
import { problemDetails } from '../../src/problem-details.js';
import { eachInvocation, fixture, lambdaContext } from '../support/lambda.js';

const invocation = eachInvocation();

type Result = { statusCode: number; headers: Record<string, string>; body: string };
type Handler = (event: unknown, context: Context) => Promise<unknown>;

const GENERIC_501 = 'This operation is not implemented.';
const logger = () => new Logger({ serviceName: 'not-implemented-test' });

/** A real Node error: a Readable without `_read` fails the first read. */
const nodeMethodNotImplemented = async (): Promise<Error> => {
  const stream = new Readable();
  stream.read();
  const [error] = (await once(stream, 'error').catch((thrown: unknown) => [thrown])) as [Error];
  return error;
};

/**
 * Node throws ERR_FEATURE_UNAVAILABLE_ON_PLATFORM only on platforms other than this one (e.g.
 * recursive `fs.watch` on Linux before Node 20), so it is built here in Node's exact shape.
 */
const featureUnavailable = (): Error =>
  Object.assign(
    new TypeError(
      'The feature watch recursively is unavailable on the current platform, which is being used to run Node.js',
    ),
    { code: 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM' },
  );

/** An error named NotImplementedError by another library: no status, no `expose`. */
class ForeignNotImplementedError extends Error {
  override name = 'NotImplementedError';
}

const answer = async (
  thrown: () => unknown | Promise<unknown>,
  options: ErrorNormalizerOptions = {},
) => {
  const handler = middy(async () => {
    throw await thrown();
  }).use(errorNormalizer({ logger: logger(), ...options })) as Handler;
  const result = (await handler(fixture('apigw-request.json'), lambdaContext())) as Result;
  return { result, body: JSON.parse(result.body) as Record<string, unknown> };
};

describe('501 not_implemented', () => {
  it.each([
    ['our NotImplementedError', () => new NotImplementedError('PATCH is not supported yet')],
    ['ours, with a cause', () => new NotImplementedError('no', { cause: new Error('inner') })],
    ['ours, default message', () => new NotImplementedError()],
    ['a library error named NotImplementedError', () => new ForeignNotImplementedError('TODO')],
    ["Node's ERR_METHOD_NOT_IMPLEMENTED (a real stream)", nodeMethodNotImplemented],
    ["Node's ERR_FEATURE_UNAVAILABLE_ON_PLATFORM", featureUnavailable],
    ['createError(501)', () => createError(501, 'internal detail')],
  ])('%s: 501 with the generic message, logged at ERROR', async (_name, thrown) => {
    const { result, body } = await answer(thrown);
    expect(result.statusCode).toBe(501);
    expect(body).toMatchObject({ error: 'not_implemented', message: GENERIC_501 });
    const errors = invocation.output.logs('ERROR');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ status: 501, code: 'not_implemented' });
    expect(invocation.output.logs('WARN')).toEqual([]);
  });

  it('the stream error really is Node’s', async () => {
    const error = await nodeMethodNotImplemented();
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      code: 'ERR_METHOD_NOT_IMPLEMENTED',
      message: 'The _read() method is not implemented',
    });
  });

  it('shows the message of our NotImplementedError with expose: true', async () => {
    const { result, body } = await answer(
      () => new NotImplementedError('PATCH is not supported yet', { expose: true }),
    );
    expect(result.statusCode).toBe(501);
    expect(body).toMatchObject({ error: 'not_implemented', message: 'PATCH is not supported yet' });
  });

  it('logs what the client does not see', async () => {
    await answer(() => new NotImplementedError('bulk export is not built yet'));
    const [line] = invocation.output.logs('ERROR');
    expect(line?.error).toMatchObject({
      name: 'NotImplementedError',
      message: 'bulk export is not built yet',
    });
  });

  it('answers problem+json as Not Implemented when the client prefers it', async () => {
    const handler = middy(async () => {
      throw new NotImplementedError();
    }).use(errorNormalizer({ logger: logger(), problemDetails: problemDetails() })) as Handler;
    const event = fixture<{ headers: Record<string, string> }>('apigw-request.json');
    event.headers.Accept = 'application/problem+json';
    const result = (await handler(event, lambdaContext())) as Result;
    expect(result.headers['Content-Type']).toBe('application/problem+json');
    expect(JSON.parse(result.body)).toMatchObject({
      type: 'about:blank',
      title: 'Not Implemented',
      status: 501,
      detail: GENERIC_501,
      error: 'not_implemented',
    });
  });

  it('our error keeps its 501 under a rule table without notImplementedRule', async () => {
    const ours = await answer(() => new NotImplementedError(), { rules: [httpErrorRule] });
    expect(ours.result.statusCode).toBe(501);
    const nodes = await answer(nodeMethodNotImplemented, { rules: [httpErrorRule] });
    expect(nodes.result.statusCode).toBe(500);
  });

  it('is a plain Error subclass with the documented defaults', () => {
    const error = new NotImplementedError();
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'NotImplementedError',
      message: 'Not implemented',
      statusCode: 501,
      expose: false,
    });
    const cause = new Error('inner');
    expect(new NotImplementedError('x', { cause, expose: true })).toMatchObject({
      cause,
      expose: true,
    });
  });
});

describe('a 501 below the surface is ours: 500', () => {
  it.each([
    ['as a cause', () => new Error('export failed', { cause: new NotImplementedError() })],
    ['a library one as a cause', () => new Error('x', { cause: new ForeignNotImplementedError() })],
    [
      "Node's as a cause",
      async () => new Error('pipe', { cause: await nodeMethodNotImplemented() }),
    ],
    ['in an AggregateError', () => new AggregateError([featureUnavailable()], 'all failed')],
  ])('%s', async (_name, thrown) => {
    const { result, body } = await answer(thrown);
    expect(result.statusCode).toBe(500);
    expect(body).toMatchObject({
      error: 'internal_server_error',
      message: 'An internal error occurred.',
    });
  });
});

describe('501 through the other doors', () => {
  it('withErrorNormalizer', async () => {
    const handler = withErrorNormalizer(
      async () => {
        throw new NotImplementedError('not yet', { expose: true });
      },
      { logger: logger() },
    );
    const result = (await handler(fixture('apigw-request.json'), lambdaContext())) as Result;
    expect(result.statusCode).toBe(501);
    expect(JSON.parse(result.body)).toMatchObject({ error: 'not_implemented', message: 'not yet' });
  });

  it('routerErrorHandler', async () => {
    const app = new Router();
    app.post('/hello/world', async () => {
      throw await nodeMethodNotImplemented();
    });
    app.errorHandler(Error, routerErrorHandler({ logger: logger() }));
    // The Router checks the event's shape; the fixture predates `isBase64Encoded`.
    const event = { ...fixture('apigw-request.json'), isBase64Encoded: false };
    const result = (await app.resolve(event, lambdaContext())) as Result;
    expect(result.statusCode).toBe(501);
    expect(JSON.parse(result.body)).toMatchObject({
      error: 'not_implemented',
      message: GENERIC_501,
      traceId: invocation.trace.root,
    });
  });
});
