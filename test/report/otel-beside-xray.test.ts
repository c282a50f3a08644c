/**
 * Powertools Tracer (the real X-Ray SDK in simulated Lambda mode, sending to a UDP daemon this
 * test opens) and the real OpenTelemetry SDK together, as an app migrating from one to the
 * other runs them: one failure, one trace id, marked in both.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import { createError } from '@middy/util';
import { SpanStatusCode } from '@opentelemetry/api';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorNormalizer } from '../../src/index.js';
import { openTelemetry } from '../../src/opentelemetry.js';
import { eachInvocation, fixture, lambdaContext } from '../support/lambda.js';
import { inActiveSpan, otelSdk } from '../support/otel-sdk.js';
import { startXrayDaemon, type XrayDaemon } from '../support/xray-daemon.js';

const invocation = eachInvocation();
const sdk = otelSdk();
const { exporter } = sdk;
let daemon: XrayDaemon;

beforeAll(async () => {
  daemon = await startXrayDaemon('otel-beside-xray');
  sdk.register();
});
afterAll(async () => {
  daemon.close();
  await sdk.shutdown();
});

type Result = { statusCode: number; body: string };

const invokeInSpan = async (thrown: unknown) => {
  exporter.reset();
  const handler = middy(async () => {
    throw thrown;
  }).use(
    errorNormalizer({
      logger: new Logger(),
      tracer: daemon.tracer,
      openTelemetry: openTelemetry(),
    }),
  ) as (event: unknown, context: Context) => Promise<Result>;
  const result = await inActiveSpan('otel-beside-xray', () =>
    handler(fixture('apigw-request.json'), lambdaContext()),
  );
  const [span] = exporter.getFinishedSpans();
  return { result, body: JSON.parse(result.body), span };
};

describe('Powertools Tracer beside OpenTelemetry', () => {
  it('marks the X-Ray subsegment and the OTel span of one trace, both redacted', async () => {
    expect(daemon.tracer.isTracingEnabled()).toBe(true);
    const { result, body, span } = await invokeInSpan(
      new Error('postgres://app:hunter2@db:5432/x'),
    );
    expect(result.statusCode).toBe(500);
    expect(body.traceId).toBe(invocation.trace.root);

    const [segment] = await daemon.segmentsOf(invocation.trace.root);
    expect(segment).toMatchObject({ name: '## lambda-error-normalizer', fault: true });
    expect(JSON.stringify(segment)).toContain('postgres://app:***@db:5432/x');
    expect(JSON.stringify(segment)).not.toContain('hunter2');

    const otelTraceId = span?.spanContext().traceId ?? '';
    expect(`1-${otelTraceId.slice(0, 8)}-${otelTraceId.slice(8)}`).toBe(body.traceId);
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.events[0]?.attributes?.['exception.message']).toBe('postgres://app:***@db:5432/x');
  });

  it('a 4xx is an X-Ray error (not a fault) and an OTel span left UNSET', async () => {
    const { result, span } = await invokeInSpan(createError(409, 'taken'));
    expect(result.statusCode).toBe(409);
    const [segment] = await daemon.segmentsOf(invocation.trace.root);
    expect(segment).toMatchObject({ error: true });
    expect(segment?.fault).toBeFalsy();
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
    expect(span?.attributes).toMatchObject({
      'http.response.status_code': 409,
      'error.type': 'conflict',
    });
  });
});
