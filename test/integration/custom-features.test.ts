/**
 * The feature options take values built by their entry points, and any object of the same shape:
 * a reporter or body format of the app's own cannot break the answer nor put what is not a
 * trace id into it.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import { describe, expect, it, vi } from 'vitest';
import {
  type ErrorBodyFormat,
  type ErrorSpanReporter,
  errorNormalizer,
  type Incident,
} from '../../src/index.js';
import { eachInvocation, fixture, lambdaContext } from '../support/lambda.js';

const invocation = eachInvocation();

type Result = { statusCode: number; headers: Record<string, string>; body: string };

const failingWith = (options: Parameters<typeof errorNormalizer>[0]) =>
  middy(async () => {
    throw new Error('boom');
  }).use(errorNormalizer({ logger: new Logger(), ...options }));

/** A REST request without an X-Ray header, so a span's id would be the one answered. */
const request = (accept?: string) => {
  const event = fixture<{ headers: Record<string, string> }>('apigw-request.json');
  delete event.headers['X-Amzn-Trace-Id'];
  if (accept !== undefined) event.headers.Accept = accept;
  return event;
};

const call = async (handler: ReturnType<typeof failingWith>, accept?: string) => {
  delete process.env._X_AMZN_TRACE_ID;
  return (await handler(request(accept), lambdaContext())) as Result;
};

describe('a span reporter of the app', () => {
  it('records each answered incident and gives its trace id to the answer', async () => {
    const seen: Incident[] = [];
    const spans: ErrorSpanReporter = {
      traceId: () => '1-5759e988-bd862e3fe1be46a994272793',
      record: (incident) => seen.push(incident) > 0,
    };
    const result = await call(failingWith({ openTelemetry: spans }));
    expect(JSON.parse(result.body).traceId).toBe('1-5759e988-bd862e3fe1be46a994272793');
    expect(result.headers['X-Trace-Id']).toBe('1-5759e988-bd862e3fe1be46a994272793');
    expect(seen).toEqual([expect.objectContaining({ status: 500, code: 'internal_server_error' })]);
  });

  it.each([
    ['not a trace id', () => '<script>alert(1)</script>'],
    [
      'a throw',
      () => {
        throw new Error('span API broke');
      },
    ],
  ])('answers without its id when traceId() gives %s', async (_name, traceId) => {
    const record = vi.fn(() => {
      throw new Error('exporter down');
    });
    const result = await call(failingWith({ openTelemetry: { traceId, record } }));
    expect(result.statusCode).toBe(500);
    const body = JSON.parse(result.body);
    // No X-Ray id either (the header was removed): nothing to answer but null.
    expect(body.traceId).toBeNull();
    expect(result.headers['X-Trace-Id']).toBeUndefined();
    // A throwing record() is the reporter's trouble, not the answer's; it was still called.
    expect(record).toHaveBeenCalledTimes(1);
    expect(invocation.output.logs('ERROR')).toHaveLength(1);
  });
});

describe('a body format of the app', () => {
  const xml: ErrorBodyFormat = {
    contentType: 'application/vnd.example+json',
    preferredBy: (accept) => accept === 'application/vnd.example+json',
    body: (status, contract) => ({ status, code: contract.error, trace: contract.traceId }),
  };

  it('answers in it when the client prefers it, and the contract otherwise', async () => {
    const handler = failingWith({ problemDetails: xml });
    const preferred = await call(handler, 'application/vnd.example+json');
    expect(preferred.headers['Content-Type']).toBe('application/vnd.example+json');
    expect(JSON.parse(preferred.body)).toMatchObject({
      status: 500,
      code: 'internal_server_error',
    });
    const plain = await call(handler, 'application/json');
    expect(plain.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(plain.body).error).toBe('internal_server_error');
  });

  it.each([
    [
      'preferredBy',
      {
        ...xml,
        preferredBy: () => {
          throw new Error('bad accept parser');
        },
      },
    ],
    [
      'body',
      {
        ...xml,
        body: () => {
          throw new Error('bad renderer');
        },
      },
    ],
  ])('falls back to the JSON contract when its %s throws', async (_name, format) => {
    const result = await call(
      failingWith({ problemDetails: format }),
      'application/vnd.example+json',
    );
    expect(result.statusCode).toBe(500);
    expect(result.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(result.body)).toMatchObject({ error: 'internal_server_error' });
  });
});
