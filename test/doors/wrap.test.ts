/**
 * The plain-handler door: `withErrorNormalizer(handler, options)` without Middy. Same contract,
 * same re-throw of what is not an HTTP request, same check of malformed results, and the
 * wrapped handler keeps its types.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context, SQSEvent } from 'aws-lambda';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { type HttpErrorResult, withErrorNormalizer } from '../../src/index.js';
import { eachInvocation, fixture, lambdaContext } from '../support/lambda.js';
import { newLogger } from './support.js';

const invocation = eachInvocation();

describe('withErrorNormalizer', () => {
  it('passes a good result through as it is (same object)', async () => {
    const result = { statusCode: 201, body: '{"id":1}' };
    const handler = withErrorNormalizer(async () => result, { logger: newLogger() });
    expect(await handler(fixture('apigw-request.json'), lambdaContext())).toBe(result);
    expect(invocation.output.logs()).toEqual([]);
  });

  it('answers a thrown error by the contract and logs it once', async () => {
    const context = lambdaContext();
    const handler = withErrorNormalizer(
      async (_event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
        throw new Error('token=abc123 rejected');
      },
      { logger: newLogger() },
    );
    const result = (await handler(
      fixture<APIGatewayProxyEvent>('apigw-request.json'),
      context,
    )) as HttpErrorResult;
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body)).toEqual({
      error: 'internal_server_error',
      message: 'An internal error occurred.',
      traceId: invocation.trace.root,
      requestId: context.awsRequestId,
    });
    const errors = invocation.output.logs('ERROR');
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(errors)).not.toContain('abc123');
  });

  it.each([
    ['an Error', new Error('poison message')],
    ['a string', 'poison'],
    ['null', null],
    ['a frozen object', Object.freeze({ reason: 'x' })],
  ])('re-throws %s of an SQS event untouched, unlogged', async (_label, thrown) => {
    const handler = withErrorNormalizer(
      async (_event: SQSEvent) => {
        throw thrown;
      },
      { logger: newLogger() },
    );
    await expect(handler(fixture<SQSEvent>('sqs-event.json'), lambdaContext())).rejects.toBe(
      thrown,
    );
    expect(invocation.output.logs()).toEqual([]);
  });

  it('answers a result REST API would reject as a 500, logged as malformed_result', async () => {
    const handler = withErrorNormalizer(async () => ({ statusCode: '200', body: { ok: true } }), {
      logger: newLogger(),
    });
    const result = (await handler(
      fixture('apigw-request.json'),
      lambdaContext(),
    )) as HttpErrorResult;
    expect(result.statusCode).toBe(500);
    const [line] = invocation.output.logs('ERROR');
    expect(line).toMatchObject({ kind: 'malformed_result', status: 500 });
  });

  it('takes a synchronous handler too', async () => {
    const handler = withErrorNormalizer(
      () => {
        throw new Error('sync');
      },
      { logger: newLogger() },
    );
    const result = (await handler(
      fixture('apigw-request.json'),
      lambdaContext(),
    )) as HttpErrorResult;
    expect(result.statusCode).toBe(500);
  });

  it('checks its arguments when it is built', () => {
    expect(() => withErrorNormalizer(undefined as never)).toThrow(
      'withErrorNormalizer: the first argument must be the handler function',
    );
    expect(() => withErrorNormalizer(async () => 1, { retryAfterSeconds: -1 })).toThrow(
      'withErrorNormalizer: "retryAfterSeconds" must be a whole number >= 0, got -1',
    );
  });

  it('keeps the handler event and result types', () => {
    const handler = withErrorNormalizer(
      async (_event: APIGatewayProxyEvent, _context: Context): Promise<APIGatewayProxyResult> => ({
        statusCode: 200,
        body: '',
      }),
    );
    expectTypeOf(handler).parameter(0).toEqualTypeOf<APIGatewayProxyEvent>();
    expectTypeOf(handler).returns.resolves.toEqualTypeOf<APIGatewayProxyResult | HttpErrorResult>();
  });
});
