/**
 * The Router matches error handlers by Error class, so what a route throws that is not an Error
 * never reaches routerErrorHandler: its middleware answers those by the contract. Also, through
 * the real Router: ALB multi-value answers are whole once withErrorNormalizer wraps app.resolve.
 */
import { Router } from '@aws-lambda-powertools/event-handler/http';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { routerErrorHandler, withErrorNormalizer } from '../../src/index.js';
import { eachInvocation, fixture, lambdaContext } from '../support/lambda.js';
import { newLogger, routerReady } from './support.js';

const invocation = eachInvocation();

const NON_ERRORS: Array<[string, () => unknown]> = [
  ['a string', () => 'db password is hunter2'],
  ['a plain object', () => ({ statusCode: 500, detail: 'internal' })],
  ['undefined', () => undefined],
  ['null', () => null],
  ['a number', () => 42],
];

const appThrowing = (thrown: () => unknown, withMiddleware: boolean) => {
  const app = new Router();
  const failing = async (): Promise<never> => {
    throw thrown();
  };
  for (const method of ['GET', 'POST'] as const) app.route(failing, { method, path: '/boom' });
  const errors = routerErrorHandler({ logger: newLogger() });
  app.errorHandler(Error, errors);
  if (withMiddleware) app.use(errors.middleware);
  return app;
};

const restEvent = () => {
  const event = fixture('apigw-request.json');
  event.path = '/boom';
  return routerReady(event);
};

type Result = {
  statusCode: number;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  body: string;
};

describe('routerErrorHandler middleware', () => {
  it.each(NON_ERRORS)('answers %s by the contract', async (_name, thrown) => {
    const context = lambdaContext();
    const result = (await appThrowing(thrown, true).resolve(restEvent(), context)) as Result;
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body)).toEqual({
      error: 'internal_server_error',
      message: 'An internal error occurred.',
      traceId: invocation.trace.root,
      requestId: context.awsRequestId,
    });
    expect(invocation.output.logs('ERROR')).toHaveLength(1);
  });

  it('without it, the Router answers a thrown string with its own body (the control)', async () => {
    const result = (await appThrowing(() => 'x', false).resolve(
      restEvent(),
      lambdaContext(),
    )) as Result;
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body)).not.toHaveProperty('traceId');
  });

  it('leaves Errors to the error handler: one answer, one line', async () => {
    const context = lambdaContext();
    const result = (await appThrowing(() => new Error('boom'), true).resolve(
      restEvent(),
      context,
    )) as Result;
    expect(JSON.parse(result.body).requestId).toBe(context.awsRequestId);
    expect(invocation.output.logs('ERROR')).toHaveLength(1);
  });
});

describe('the Router over ALB with multi-value headers', () => {
  const albEvent = () => {
    const event = fixture('alb-lambda-target-request-multivalue-headers.json');
    event.path = '/boom';
    (event.multiValueHeaders as Record<string, string[]>).origin = ['https://app.example.com'];
    return routerReady(event);
  };
  const app = () => appThrowing(() => new Error('boom'), true);

  it('alone, the Router splits the answer over headers and multiValueHeaders', async () => {
    const result = (await app().resolve(albEvent(), lambdaContext())) as Result;
    expect(result.headers?.['x-trace-id']).toBe(invocation.trace.root);
    expect(result.multiValueHeaders).toBeDefined();
  });

  it('wrapped in withErrorNormalizer, every header is in multiValueHeaders', async () => {
    const router = app();
    const handler = withErrorNormalizer(
      (event: unknown, context: Context) => router.resolve(event, context),
      {
        logger: newLogger(),
      },
    );
    const result = (await handler(albEvent(), lambdaContext())) as Result;
    expect(result.headers).toBeUndefined();
    expect(result.multiValueHeaders?.['x-trace-id']).toEqual([invocation.trace.root]);
    expect(result.multiValueHeaders?.['access-control-expose-headers']).toEqual([
      'X-Trace-Id',
      'X-Request-Id',
      'Retry-After',
    ]);
    expect(result.multiValueHeaders?.['content-type']).toEqual(['application/json']);
  });
});
