/**
 * OpenTelemetry with the real SDK: a BasicTracerProvider with the X-Ray id generator, an
 * in-memory exporter and the AsyncLocalStorage context manager, as ADOT or an app's own SDK
 * sets it up. Each invocation runs inside an active span, as ADOT's Lambda instrumentation
 * runs the handler; the exported span must tell what the answer told.
 */

import { Router } from '@aws-lambda-powertools/event-handler/http';
import { Logger } from '@aws-lambda-powertools/logger';
import { Tracer } from '@aws-lambda-powertools/tracer';
import middy from '@middy/core';
import { createError } from '@middy/util';
import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ErrorNormalizerOptions,
  errorNormalizer,
  routerErrorHandler,
  withErrorNormalizer,
} from '../../src/index.js';
import { openTelemetry } from '../../src/opentelemetry.js';
import { captureOutput, fixture, lambdaContext, newTrace } from '../support/lambda.js';
import { inActiveSpan, otelSdk } from '../support/otel-sdk.js';

const sdk = otelSdk();
const { exporter } = sdk;

beforeAll(() => sdk.register());
afterAll(() => sdk.shutdown());

let output: ReturnType<typeof captureOutput>;
beforeEach(() => {
  exporter.reset();
  delete process.env._X_AMZN_TRACE_ID;
  output = captureOutput();
});
afterEach(() => {
  output.restore();
  delete process.env._X_AMZN_TRACE_ID;
});

type Handler = (event: unknown, context: Context) => Promise<unknown>;
type Result = { statusCode: number; headers: Record<string, string>; body: string };

/**
 * Runs `handler` the way ADOT's Lambda instrumentation does: inside an active span whose parent
 * is what the X-Ray Lambda propagator extracts from `_X_AMZN_TRACE_ID` (nothing when unset).
 */
const invokeInSpan = async (
  handler: Handler,
  event: unknown = fixture('apigw-request.json'),
  fromXray = true,
) => {
  const result = (await inActiveSpan(
    'otel-test',
    () => handler(event, lambdaContext()),
    fromXray,
  )) as Result;
  const spans = exporter.getFinishedSpans();
  expect(spans).toHaveLength(1);
  return { result, body: JSON.parse(result.body), span: spans[0] as ReadableSpan };
};

const SECRET_URL = 'postgres://app:hunter2@db:5432/x';
const throwing = (thrown: () => unknown) => async () => {
  throw thrown();
};
const logger = () => new Logger({ serviceName: 'otel-test' });
const viaMiddy = (thrown: () => unknown, options: ErrorNormalizerOptions = {}): Handler =>
  middy(throwing(thrown)).use(
    errorNormalizer({ logger: logger(), openTelemetry: openTelemetry(), ...options }),
  ) as Handler;

const xrayForm = (otelTraceId: string) => `1-${otelTraceId.slice(0, 8)}-${otelTraceId.slice(8)}`;

describe('OpenTelemetry span of an answered error', () => {
  it('the first error of a fresh copy of the library reaches the span, with nothing to await', async () => {
    // A fresh copy of the library and of the reporter, as in a new process.
    vi.resetModules();
    const fresh = await import('../../src/index.js');
    const otel = await import('../../src/opentelemetry.js');
    const handler = middy(throwing(() => new Error('cold'))).use(
      fresh.errorNormalizer({ logger: logger(), openTelemetry: otel.openTelemetry() }),
    ) as Handler;
    const { result, span } = await invokeInSpan(handler);
    expect(result.statusCode).toBe(500);
    expect(span.events.map((event) => event.name)).toEqual(['exception']);
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('records the redacted exception, status ERROR and the attributes for a 5xx (Middy)', async () => {
    const { result, body, span } = await invokeInSpan(viaMiddy(() => new Error(SECRET_URL)));
    expect(result.statusCode).toBe(500);
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'internal_server_error' });
    expect(span.attributes).toMatchObject({
      'http.response.status_code': 500,
      'error.type': 'internal_server_error',
      'error.fingerprint': expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(span.events).toHaveLength(1);
    const attributes = span.events[0]?.attributes ?? {};
    expect(span.events[0]?.name).toBe('exception');
    expect(attributes['exception.type']).toBe('Error');
    expect(attributes['exception.message']).toBe('postgres://app:***@db:5432/x');
    expect(JSON.stringify(span.events)).not.toContain('hunter2');
    expect(String(attributes['exception.stacktrace'])).toContain('postgres://app:***@db');
    // No X-Ray root for the invocation: the answer names the span's trace, in X-Ray form.
    expect(body.traceId).toBe(xrayForm(span.spanContext().traceId));
    expect(result.headers['X-Trace-Id']).toBe(body.traceId);
  });

  it('leaves the status UNSET for a 4xx but still records the exception and attributes', async () => {
    const { result, span } = await invokeInSpan(viaMiddy(() => createError(404, 'No widget 42')));
    expect(result.statusCode).toBe(404);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes).toMatchObject({
      'http.response.status_code': 404,
      'error.type': 'not_found',
    });
    expect(span.events[0]?.attributes?.['exception.message']).toBe('No widget 42');
  });

  it('answers with the X-Ray root when the invocation has one; the span shares it', async () => {
    const { root, header } = newTrace();
    process.env._X_AMZN_TRACE_ID = header;
    const { body, span } = await invokeInSpan(viaMiddy(() => new Error('boom')));
    expect(body.traceId).toBe(root);
    expect(xrayForm(span.spanContext().traceId)).toBe(root);
    expect(span.status.code).toBe(SpanStatusCode.ERROR);

    // A span of its own trace (an SDK that ignores the X-Ray context): the root still wins.
    exporter.reset();
    const apart = await invokeInSpan(
      viaMiddy(() => new Error('boom')),
      undefined,
      false,
    );
    expect(xrayForm(apart.span.spanContext().traceId)).not.toBe(root);
    expect(apart.body.traceId).toBe(root);
  });

  it('without the openTelemetry option records nothing and does not answer with the span id', async () => {
    const { result, body, span } = await invokeInSpan(
      middy(throwing(() => new Error(SECRET_URL))).use(
        errorNormalizer({ logger: logger() }),
      ) as Handler,
    );
    expect(result.statusCode).toBe(500);
    expect(span.events).toEqual([]);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes).toEqual({});
    // Neither invocation root nor header root (this fixture has none): no id to give.
    expect(body.traceId).toBeNull();
  });

  it.each([true, false])('refuses the 0.1 form openTelemetry: %s, naming the import', (value) => {
    expect(() => errorNormalizer({ openTelemetry: value as never })).toThrow(
      `errorNormalizer: "openTelemetry" must be openTelemetry() from 'lambda-error-normalizer/opentelemetry', got ${value}`,
    );
  });

  it('with no active span nothing breaks: same answer, nothing exported', async () => {
    const handler = viaMiddy(() => new Error('no span'));
    const result = (await handler(fixture('apigw-request.json'), lambdaContext())) as Result;
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body)).toMatchObject({
      error: 'internal_server_error',
      traceId: null,
    });
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('a success leaves the span untouched', async () => {
    const handler = middy(async () => ({ statusCode: 200, body: '{}' })).use(
      errorNormalizer({ logger: logger(), openTelemetry: openTelemetry() }),
    ) as Handler;
    const { span } = await invokeInSpan(handler);
    expect(span.events).toEqual([]);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes).toEqual({});
  });

  it('an SQS error is re-thrown and the span is not marked by us', async () => {
    const handler = viaMiddy(() => new Error('poison message'));
    await expect(invokeInSpan(handler, fixture('sqs-event.json'))).rejects.toThrow('poison');
    const [span] = exporter.getFinishedSpans();
    expect(span?.events).toEqual([]);
    expect(span?.attributes).toEqual({});
  });

  it('withErrorNormalizer records on the span too', async () => {
    const handler = withErrorNormalizer(
      throwing(() => new Error(SECRET_URL)),
      { logger: logger(), openTelemetry: openTelemetry() },
    );
    const { result, body, span } = await invokeInSpan(handler as Handler);
    expect(result.statusCode).toBe(500);
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.events[0]?.attributes?.['exception.message']).toBe('postgres://app:***@db:5432/x');
    expect(body.traceId).toBe(xrayForm(span.spanContext().traceId));
  });

  it('routerErrorHandler records on the span too, with the Router route miss as a 4xx', async () => {
    const app = new Router();
    app.post('/hello/world', async () => {
      throw new Error(SECRET_URL);
    });
    app.errorHandler(
      Error,
      routerErrorHandler({ logger: logger(), openTelemetry: openTelemetry() }),
    );
    const viaRouter: Handler = (event, context) => app.resolve(event, context);
    // The Router checks the event's shape; the fixture predates `isBase64Encoded`.
    const request = { ...fixture('apigw-request.json'), isBase64Encoded: false };

    const failed = await invokeInSpan(viaRouter, request);
    expect(failed.result.statusCode).toBe(500);
    expect(failed.span.status.code).toBe(SpanStatusCode.ERROR);
    expect(failed.span.events[0]?.attributes?.['exception.message']).toBe(
      'postgres://app:***@db:5432/x',
    );
    expect(failed.body.traceId).toBe(xrayForm(failed.span.spanContext().traceId));

    exporter.reset();
    const missing = { ...request, path: '/nowhere' };
    const missed = await invokeInSpan(viaRouter, missing);
    expect(missed.result.statusCode).toBe(404);
    expect(missed.span.status.code).toBe(SpanStatusCode.UNSET);
    expect(missed.span.attributes).toMatchObject({ 'http.response.status_code': 404 });
  });

  it('a Powertools Tracer that is off (outside Lambda) beside OTel: answer and span right', async () => {
    const { root, header } = newTrace();
    process.env._X_AMZN_TRACE_ID = header;
    // Outside Lambda the tracer is off: it must not disturb the span (both on: otel-beside-xray).
    const tracer = new Tracer({ serviceName: 'otel-test', enabled: true });
    expect(tracer.isTracingEnabled()).toBe(false);
    const { result, body, span } = await invokeInSpan(
      viaMiddy(() => new Error(SECRET_URL), { tracer }),
    );
    expect(result.statusCode).toBe(500);
    expect(body).toMatchObject({ error: 'internal_server_error', traceId: root });
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.events[0]?.attributes?.['exception.message']).toBe('postgres://app:***@db:5432/x');
  });
});
