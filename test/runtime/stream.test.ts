/**
 * The `/stream` function URL's bundle inside `aws-lambda-ric`, which provides the real
 * `awslambda.streamifyResponse` and `HttpResponseStream`: what reaches the Runtime API as a
 * streamed response (the HTTP integration prelude, 8 NUL bytes, the body, the trailers).
 */
import { describe, expect, inject, it } from 'vitest';
import { functionUrlEvent, type Invoked, withFunction } from './support/harness.js';
import type { FunctionInstance } from './support/ric-process.js';
import { parseHttpIntegration } from './support/runtime-api.js';

type Json = Record<string, unknown>;
type Case = 'ok' | 'before' | 'after';

const fn = inject('streamFunction');
const DELIMITER = Buffer.alloc(8);
/**
 * What infra/handlers/stream.ts streams, and where `?fail=after` breaks. Stated here, not
 * imported: the handler module needs the runtime's `awslambda` global to load.
 */
const STREAM_CHUNKS = ['chunk 1 of 3\n', 'chunk 2 of 3\n', 'chunk 3 of 3\n'];
const CHUNKS_BEFORE_FAILURE = 2;

const invokeCase = (invoke: (event: unknown) => Promise<Invoked>, which: Case) =>
  invoke(functionUrlEvent(which === 'ok' ? {} : { fail: which }));

const linesOf = (lines: Json[], { outcome }: Invoked) =>
  lines.filter((line) => (line.function_request_id ?? line.requestId) === outcome.requestId);

/** What the client of the function URL gets, and what the function logged, for one case. */
const expectStreamed = (lines: Json[], invoked: Invoked, which: Case): void => {
  const { root, outcome } = invoked;
  // Streamed and finished as a response: no invocation error, no error trailers.
  expect(outcome.kind).toBe('response');
  expect(outcome.streaming).toBe(true);
  expect(outcome.trailers['lambda-runtime-function-error-type']).toBeUndefined();
  expect(outcome.trailers['lambda-runtime-function-error-body']).toBeUndefined();
  const { prelude, body } = parseHttpIntegration(outcome);
  // One prelude: nothing after it looks like a second one.
  expect(body.indexOf(DELIMITER)).toBe(-1);
  expect(body.toString('utf8')).not.toContain('"statusCode"');
  const text = body.toString('utf8');
  expect(text).not.toContain('s3cr3t');

  const own = linesOf(lines, invoked);
  expect(own.every((line) => line.xray_trace_id === root)).toBe(true);
  // The runtime client logs nothing of its own ("Invoke Error"): the error never reached it.
  expect(own.filter((line) => !('service' in line))).toEqual([]);
  const incidents = own.filter((line) => line.traceId === root);
  expect(JSON.stringify(own)).not.toContain('s3cr3t');

  if (which === 'ok') {
    expect(prelude).toMatchObject({ statusCode: 200 });
    expect(prelude.headers?.['Content-Type']).toBe('text/plain; charset=utf-8');
    expect(text).toBe(STREAM_CHUNKS.join(''));
    expect(incidents).toEqual([]);
    return;
  }
  // Logged once, at ERROR, with both ids: the line the saved query finds.
  expect(incidents).toHaveLength(1);
  expect(own.filter((line) => line.level === 'ERROR')).toHaveLength(1);
  expect(incidents[0]).toMatchObject({
    level: 'ERROR',
    status: 500,
    requestId: outcome.requestId,
    eventSource: 'function-url',
  });
  if (which === 'before') {
    // Nothing was sent yet: the contract, status and headers included, through the prelude.
    expect(prelude.statusCode).toBe(500);
    expect(prelude.headers).toMatchObject({
      'Content-Type': 'application/json',
      'X-Trace-Id': root,
      'X-Request-Id': outcome.requestId,
    });
    expect(JSON.parse(text)).toEqual({
      error: 'internal_server_error',
      message: expect.any(String),
      traceId: root,
      requestId: outcome.requestId,
    });
    return;
  }
  // After bytes were sent: they stay, the stream just ends; no error text, no stack.
  expect(prelude.statusCode).toBe(200);
  expect(text).toBe(STREAM_CHUNKS.slice(0, CHUNKS_BEFORE_FAILURE).join(''));
  expect(text).not.toMatch(/Error|at .*\(|Model stream broke/);
};

const settled = (instance: FunctionInstance, invoked: [Case, Invoked][]) =>
  instance.settle((lines) =>
    invoked.every(
      ([which, one]) =>
        linesOf(lines, one).length > 0 &&
        (which === 'ok' || lines.some((line) => line.traceId === one.root)),
    ),
  );

describe('GET /stream in aws-lambda-ric', () => {
  it('streams, answers an error before the first byte, ends a stream broken midway, one invocation at a time', async () => {
    await withFunction(fn, undefined, async ({ instance, invoke, api }) => {
      const invoked: [Case, Invoked][] = [];
      // A broken stream first: the instance must go on serving after it (no hang).
      for (const which of ['after', 'ok', 'before', 'after', 'ok'] as const) {
        invoked.push([which, await invokeCase(invoke, which)]);
      }
      await settled(instance, invoked);
      const lines = instance.json();
      for (const [which, one] of invoked) expectStreamed(lines, one, which);
      expect(linesOf(lines, invoked[0]?.[1] as Invoked)[0]?.cold_start).toBe(true);
      expect(api.initErrors).toEqual([]);
    });
  });

  it('keeps every streamed invocation to its own ids, 24 at once (AWS_LAMBDA_MAX_CONCURRENCY=8)', async () => {
    await withFunction(fn, 8, async ({ instance, invoke }) => {
      const cases = Array.from(
        { length: 24 },
        (_, i) => (['ok', 'before', 'after'] as const)[i % 3],
      );
      const invoked = await Promise.all(
        cases.map(
          async (which) => [which, await invokeCase(invoke, which as Case)] as [Case, Invoked],
        ),
      );
      await settled(instance, invoked);
      const lines = instance.json();
      for (const [which, one] of invoked) expectStreamed(lines, one, which);
    });
  });
});
