/**
 * The middleware's own dependencies fail: a logger that throws, a tracer that throws, a
 * context with fields missing, frozen results. It still answers by the contract and reports
 * its own trouble once on stderr.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import { describe, expect, it } from 'vitest';
import { type ErrorLogger, type ErrorTracer, errorNormalizer } from '../../src/index.js';
import { eachInvocation, fixture, lambdaContext } from '../support/lambda.js';

type Result = { statusCode: number; headers: Record<string, string>; body: string };

const invocation = eachInvocation();

const failingWith = (options: Parameters<typeof errorNormalizer>[0]) =>
  middy(async () => {
    throw new Error('boom password=hunter2');
  }).use(errorNormalizer(options));

const complaints = (what: string) =>
  invocation.output.lines.filter(
    (line) => line.stream === 'stderr' && line.text.startsWith(`[lambda-error-normalizer] ${what}`),
  );

describe('faults', () => {
  it('answers when the logger throws, keeps the error on stderr and complains once', async () => {
    const logger: ErrorLogger = {
      error: () => {
        throw new Error('log sink closed');
      },
      warn: () => {
        throw new Error('log sink closed');
      },
    };
    const handler = failingWith({ logger });
    for (let i = 0; i < 3; i++) {
      const result = (await handler(fixture('apigw-request.json'), lambdaContext())) as Result;
      expect(result.statusCode).toBe(500);
      expect(JSON.parse(result.body)).toMatchObject({
        error: 'internal_server_error',
        traceId: invocation.trace.root,
      });
    }
    expect(complaints('logger failed')).toHaveLength(1);
    expect(complaints('logger failed')[0]?.text).toContain('log sink closed');
    // The failure itself is still on record, once per request, redacted.
    const fallback = invocation.output.logs('ERROR');
    expect(fallback).toHaveLength(3);
    expect(fallback[0]).toMatchObject({
      traceId: invocation.trace.root,
      error: { message: 'boom password=[REDACTED]' },
    });
  });

  it('answers when the tracer throws, and complains once', async () => {
    const tracer: ErrorTracer = {
      isTracingEnabled: () => true,
      getSegment: () => {
        throw new Error('X-Ray context lost');
      },
    };
    const handler = failingWith({ logger: new Logger(), tracer });
    for (let i = 0; i < 2; i++) {
      const result = (await handler(fixture('apigw-request.json'), lambdaContext())) as Result;
      expect(result.statusCode).toBe(500);
    }
    expect(complaints('tracer failed')).toHaveLength(1);
    expect(invocation.output.logs('ERROR')).toHaveLength(2);
  });

  it('answers with requestId null when the context has no request id', async () => {
    const handler = failingWith({ logger: new Logger() });
    for (const context of [{}, { awsRequestId: 42 }, { awsRequestId: 'bad id\r\nx' }]) {
      const result = (await handler(fixture('apigw-request.json'), context as never)) as Result;
      expect(result.statusCode).toBe(500);
      expect(JSON.parse(result.body)).toMatchObject({
        requestId: null,
        traceId: invocation.trace.root,
      });
      expect(result.headers['X-Request-Id']).toBeUndefined();
    }
  });

  it('answers with traceId null when neither the invocation nor the request has one', async () => {
    delete process.env._X_AMZN_TRACE_ID;
    const result = (await failingWith({ logger: new Logger() })(
      fixture('apigw-request.json'),
      lambdaContext(),
    )) as Result;
    expect(JSON.parse(result.body).traceId).toBeNull();
    expect(result.headers['X-Trace-Id']).toBeUndefined();
  });

  it('passes a frozen valid result through and replaces a frozen malformed one', async () => {
    const valid = Object.freeze({
      statusCode: 201,
      headers: Object.freeze({ a: 'b' }),
      body: 'made',
    });
    const ok = middy(async () => valid).use(errorNormalizer({ logger: new Logger() }));
    await expect(ok(fixture('apigw-request.json'), lambdaContext())).resolves.toBe(valid);
    const bad = middy(async () =>
      Object.freeze({ statusCode: '201', body: Object.freeze({}) }),
    ).use(errorNormalizer({ logger: new Logger() }));
    const result = (await bad(fixture('apigw-request.json'), lambdaContext())) as unknown as Result;
    expect(result.statusCode).toBe(500);
  });

  it('answers a frozen event and a frozen thrown error', async () => {
    const event = Object.freeze(fixture('apigw-request.json'));
    const handler = middy(async () => {
      throw Object.freeze(new Error('frozen'));
    }).use(errorNormalizer({ logger: new Logger() }));
    const result = (await handler(event, lambdaContext())) as Result;
    expect(result.statusCode).toBe(500);
  });

  it('skips a rule that throws or answers nonsense, and says so in the log', async () => {
    const handler = middy(async () => {
      throw new Error('x');
    }).use(
      errorNormalizer({
        logger: new Logger(),
        rules: [
          () => {
            throw new Error('rule bug');
          },
          () => ({ status: 200 }),
        ],
      }),
    );
    const result = (await handler(fixture('apigw-request.json'), lambdaContext())) as Result;
    expect(result.statusCode).toBe(500);
    expect(invocation.output.logs('ERROR')[0]?.problems).toEqual([
      'rules[0]: rule threw: rule bug',
      'rules[1]: rule returned a status outside 400-599',
    ]);
  });
});
