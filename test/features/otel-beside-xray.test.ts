/**
 * Powertools Tracer (the real X-Ray SDK in simulated Lambda mode, sending to a UDP daemon this
 * test opens) and the real OpenTelemetry SDK together, as an app migrating from one to the
 * other runs them: one failure, one trace id, marked in both.
 */
import { createSocket, type Socket } from 'node:dgram';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Tracer as TracerType } from '@aws-lambda-powertools/tracer';
import middy from '@middy/core';
import { createError } from '@middy/util';
import {
  defaultTextMapGetter,
  context as otelContext,
  propagation,
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { AWSXRayIdGenerator } from '@opentelemetry/id-generator-aws-xray';
import { AWSXRayLambdaPropagator } from '@opentelemetry/propagator-aws-xray-lambda';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorNormalizer } from '../../src/index.js';
import { eachInvocation, fixture, lambdaContext } from '../support/lambda.js';

type XraySegment = { name: string; trace_id: string; fault?: boolean; error?: boolean };

const invocation = eachInvocation();
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({
  idGenerator: new AWSXRayIdGenerator(),
  spanProcessors: [new SimpleSpanProcessor(exporter)],
});
let daemon: Socket;
const received: XraySegment[] = [];
let tracer: TracerType;

beforeAll(async () => {
  daemon = createSocket('udp4');
  daemon.on('message', (packet) => {
    const document = packet.toString('utf8').split('\n')[1];
    if (document) received.push(JSON.parse(document) as XraySegment);
  });
  await new Promise<void>((done) => daemon.bind(0, '127.0.0.1', done));
  // What Lambda sets; the X-Ray SDK reads them when it loads, so they come before the import.
  Object.assign(process.env, {
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.address().port}`,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    LAMBDA_TASK_ROOT: '/var/task',
    _HANDLER: 'index.handler',
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
  });
  const { Tracer } = await import('@aws-lambda-powertools/tracer');
  tracer = new Tracer({ serviceName: 'otel-beside-xray' });
  otelContext.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
  propagation.setGlobalPropagator(new AWSXRayLambdaPropagator());
});
afterAll(async () => {
  daemon.close();
  await provider.shutdown();
});

const segmentsOf = async (traceId: string): Promise<XraySegment[]> => {
  for (let waited = 0; waited < 5_000; waited += 20) {
    const mine = received.filter((segment) => segment.trace_id === traceId);
    if (mine.length > 0) return mine;
    await new Promise((done) => setTimeout(done, 20));
  }
  return [];
};

type Result = { statusCode: number; body: string };

const invokeInSpan = async (thrown: unknown) => {
  exporter.reset();
  const handler = middy(async () => {
    throw thrown;
  }).use(errorNormalizer({ logger: new Logger(), tracer })) as (
    event: unknown,
    context: Context,
  ) => Promise<Result>;
  const parent = propagation.extract(ROOT_CONTEXT, {}, defaultTextMapGetter);
  const result = await trace
    .getTracer('otel-beside-xray')
    .startActiveSpan('handler', {}, parent, async (span) => {
      try {
        return await handler(fixture('apigw-request.json'), lambdaContext());
      } finally {
        span.end();
      }
    });
  const [span] = exporter.getFinishedSpans();
  return { result, body: JSON.parse(result.body), span };
};

describe('Powertools Tracer beside OpenTelemetry', () => {
  it('marks the X-Ray subsegment and the OTel span of one trace, both redacted', async () => {
    expect(tracer.isTracingEnabled()).toBe(true);
    const { result, body, span } = await invokeInSpan(
      new Error('postgres://app:hunter2@db:5432/x'),
    );
    expect(result.statusCode).toBe(500);
    expect(body.traceId).toBe(invocation.trace.root);

    const [segment] = await segmentsOf(invocation.trace.root);
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
    const [segment] = await segmentsOf(invocation.trace.root);
    expect(segment).toMatchObject({ error: true });
    expect(segment?.fault).toBeFalsy();
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
    expect(span?.attributes).toMatchObject({
      'http.response.status_code': 409,
      'error.type': 'conflict',
    });
  });
});
