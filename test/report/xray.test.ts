/**
 * The real X-Ray SDK (through Powertools Tracer) in Lambda mode, sending its segments over UDP
 * to a daemon socket this test opens on 127.0.0.1: the faulted segment must carry the trace id
 * of the response body, with and without `captureLambdaHandler`.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import { createError } from '@middy/util';
import type { Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorNormalizer } from '../../src/index.js';
import { captureOutput, fixture, lambdaContext, newTrace } from '../support/lambda.js';
import { startXrayDaemon, type XrayDaemon } from '../support/xray-daemon.js';

let daemon: XrayDaemon;
let output: ReturnType<typeof captureOutput>;

beforeAll(async () => {
  daemon = await startXrayDaemon('xray-test');
});
afterAll(() => daemon.close());

let trace: ReturnType<typeof newTrace>;
beforeEach(() => {
  trace = newTrace();
  process.env._X_AMZN_TRACE_ID = trace.header;
  output = captureOutput();
});
afterEach(() => output.restore());

const failing = (thrown: unknown) => async (): Promise<unknown> => {
  throw thrown;
};

type Result = { statusCode: number; body: string };
const call = async (handler: (event: unknown, context: Context) => Promise<unknown>) =>
  (await handler(fixture('apigw-request.json'), lambdaContext())) as Result;

describe('X-Ray', () => {
  it('is really on: the tracer is enabled in this simulated Lambda', () => {
    expect(daemon.tracer.isTracingEnabled()).toBe(true);
  });

  it('records a fault on a subsegment of its own without captureLambdaHandler', async () => {
    const handler = middy(failing(new Error('db at postgres://u:hunter2@db:5432 down'))).use(
      errorNormalizer({ logger: new Logger(), tracer: daemon.tracer }),
    );
    const result = await call(handler);
    const { traceId } = JSON.parse(result.body);
    expect(traceId).toBe(trace.root);
    const [segment] = await daemon.segmentsOf(traceId);
    expect(segment).toMatchObject({ name: '## lambda-error-normalizer', fault: true });
    // The log line's fingerprint, as an indexed annotation: the group's traces are searchable.
    const [line] = output.logs('ERROR');
    expect(line?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(segment?.annotations).toMatchObject({ status: 500, fingerprint: line?.fingerprint });
    const exception = segment?.cause?.exceptions[0];
    expect(exception?.message).toContain('postgres://u:***@db:5432');
    expect(JSON.stringify(segment)).not.toContain('hunter2');
  });

  it.each([
    ['registered first', true],
    ['registered after captureLambdaHandler', false],
  ])(
    'faults the handler subsegment with captureLambdaHandler, errorNormalizer %s',
    async (_o, first) => {
      const normalizer = errorNormalizer({ logger: new Logger(), tracer: daemon.tracer });
      const capture = daemon.captureLambdaHandler(daemon.tracer);
      const handler = middy(failing(new Error('boom')));
      if (first) handler.use(normalizer).use(capture);
      else handler.use(capture).use(normalizer);
      const result = await call(handler);
      expect(result.statusCode).toBe(500);
      const segments = await daemon.segmentsOf(trace.root);
      const handlerSegment = segments.find((segment) => segment.name === '## index.handler');
      expect(handlerSegment).toMatchObject({
        fault: true,
        trace_id: JSON.parse(result.body).traceId,
      });
      // Whichever segment the normalizer marked carries the log line's fingerprint.
      const fingerprint = output.logs('ERROR')[0]?.fingerprint;
      expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
      expect(segments.map((segment) => segment.annotations?.fingerprint)).toContain(fingerprint);
    },
  );

  it('flags a 4xx as an error, not a fault', async () => {
    const handler = middy(failing(createError(404, 'nope'))).use(
      errorNormalizer({ logger: new Logger(), tracer: daemon.tracer }),
    );
    const result = await call(handler);
    expect(result.statusCode).toBe(404);
    const [segment] = await daemon.segmentsOf(trace.root);
    expect(segment).toMatchObject({ error: true });
    expect(segment?.fault).toBeFalsy();
  });
});
