/**
 * Every demo route's synthesized bundle inside `aws-lambda-ric`, the managed Node.js runtime's
 * own client, fed REST API events by a Runtime API: one invocation at a time, and Lambda
 * Managed Instances' multi-concurrent mode (worker threads, the invoke store), where only the
 * store tells one invocation's trace id from another's.
 */
import { describe, expect, inject, it } from 'vitest';
import { routes } from '../../infra/handlers/routes.js';
import { type Invoked, restEvent, withFunction } from './support/harness.js';

/** At least Lambda Managed Instances' smallest useful setting. */
const MAX_CONCURRENCY = 8;
/** Invocations per route in the multi-concurrent mode. */
const CONCURRENT_INVOCATIONS = 24;
/** Sequential invocations per route: a cold one and warm ones. */
const SEQUENTIAL_INVOCATIONS = 3;

type Json = Record<string, unknown>;
type Result = { statusCode: number; headers: Record<string, string>; body: string };

const functions = inject('demoFunctions');

/** The answer of one invocation is its own: status, contract, ids in body and headers. */
const expectAnswer = ({ root, outcome }: Invoked, status: number): void => {
  expect(outcome.kind, outcome.body.toString()).toBe('response');
  const result = JSON.parse(outcome.body.toString('utf8')) as Result;
  expect(result.statusCode).toBe(status);
  if (status < 400) {
    expect(JSON.parse(result.body)).toEqual({ ok: true });
    return;
  }
  expect(JSON.parse(result.body)).toEqual({
    error: expect.stringMatching(/^[a-z]+(_[a-z]+)*$/),
    message: expect.any(String),
    traceId: root,
    requestId: outcome.requestId,
  });
  expect(result.headers).toMatchObject({
    'X-Trace-Id': root,
    'X-Request-Id': outcome.requestId,
  });
  expect(result.body).not.toContain('s3cr3t');
};

/**
 * Whether every invocation's lines came: one at least, the incident line of a failure, and its
 * `Errors` datapoint (written just after the incident line).
 */
const allLinesIn =
  (invoked: Invoked[], status: number) =>
  (lines: Json[]): boolean =>
    invoked.every(
      ({ root, outcome }) =>
        lines.some((line) => line.function_request_id === outcome.requestId) &&
        (status < 400 || lines.some((line) => line.traceId === root)),
    ) && lines.filter((line) => '_aws' in line).length >= (status < 400 ? 0 : invoked.length);

/**
 * Every line the function wrote belongs to exactly one invocation and carries that
 * invocation's trace id and request id; each invocation wrote its lines, and each failure its
 * one incident line.
 */
const expectLines = (written: Json[], invoked: Invoked[], status: number): void => {
  // The `Errors` datapoints (EMF, one per answered error) carry only their bounded dimensions.
  const datapoints = written.filter((line) => '_aws' in line);
  expect(datapoints).toHaveLength(status < 400 ? 0 : invoked.length);
  for (const datapoint of datapoints) {
    expect(datapoint).toMatchObject({ Errors: 1, statusClass: status >= 500 ? '5xx' : '4xx' });
  }
  const lines = written.filter((line) => !('_aws' in line));
  const rootOf = new Map(invoked.map(({ root, outcome }) => [outcome.requestId, root]));
  for (const line of lines) {
    // Powertools names the request id `function_request_id`; the runtime's own lines `requestId`.
    const requestId = line.function_request_id ?? line.requestId;
    expect(rootOf.has(requestId as string), JSON.stringify(line)).toBe(true);
    if ('xray_trace_id' in line) expect(line.xray_trace_id).toBe(rootOf.get(requestId as string));
  }
  for (const { root, outcome } of invoked) {
    const own = lines.filter((line) => line.function_request_id === outcome.requestId);
    expect(own.length, `lines of ${outcome.requestId}`).toBeGreaterThan(0);
    expect(own.every((line) => line.xray_trace_id === root)).toBe(true);
    const incidents = lines.filter((line) => line.traceId === root);
    expect(incidents).toHaveLength(status < 400 ? 0 : 1);
    if (status >= 400) {
      expect(incidents[0]).toMatchObject({
        level: status >= 500 ? 'ERROR' : 'WARN',
        status,
        requestId: outcome.requestId,
        function_request_id: outcome.requestId,
        xray_trace_id: root,
      });
    }
  }
  expect(JSON.stringify(lines)).not.toContain('s3cr3t');
};

/** `/slow` runs to its deadline: Lambda's deadline header is what Middy's timeout reads. */
const timeoutMsOf = (routePath: string): number | undefined =>
  routePath === '/slow' ? 3_000 : undefined;

describe('one invocation at a time', () => {
  it.each(routes.map((route) => [route.path, route.status] as const))(
    'GET %s answers %i, cold then warm, with its own ids',
    async (routePath, status) => {
      const fn = functions[routePath];
      if (fn === undefined) throw new Error(`${routePath} was not synthesized`);
      await withFunction(fn, undefined, async ({ api, instance, invoke }) => {
        const invoked: Invoked[] = [];
        for (let i = 0; i < SEQUENTIAL_INVOCATIONS; i++) {
          invoked.push(await invoke(restEvent(routePath), timeoutMsOf(routePath)));
        }
        for (const one of invoked) expectAnswer(one, status);
        await instance.settle(allLinesIn(invoked, status));
        const lines = instance.json();
        expectLines(lines, invoked, status);
        // Powertools reads `AWS_LAMBDA_INITIALIZATION_TYPE=on-demand`, as Lambda sets it.
        const coldStart = (requestId: string) =>
          lines.find((line) => line.function_request_id === requestId)?.cold_start;
        expect(invoked.map(({ outcome }) => coldStart(outcome.requestId))).toEqual([
          true,
          ...Array(SEQUENTIAL_INVOCATIONS - 1).fill(false),
        ]);
        expect(api.maxInFlight).toBe(1);
        expect(api.initErrors).toEqual([]);
      });
    },
  );
});

describe(`multi-concurrent (AWS_LAMBDA_MAX_CONCURRENCY=${MAX_CONCURRENCY})`, () => {
  it.each(routes.map((route) => [route.path, route.status] as const))(
    `GET %s answers %i to ${CONCURRENT_INVOCATIONS} concurrent invocations, each with its own ids`,
    async (routePath, status) => {
      const fn = functions[routePath];
      if (fn === undefined) throw new Error(`${routePath} was not synthesized`);
      await withFunction(fn, MAX_CONCURRENCY, async ({ api, instance, invoke }) => {
        const invoked = await Promise.all(
          Array.from({ length: CONCURRENT_INVOCATIONS }, () =>
            invoke(restEvent(routePath), timeoutMsOf(routePath)),
          ),
        );
        for (const one of invoked) expectAnswer(one, status);
        await instance.settle(allLinesIn(invoked, status));
        const lines = instance.json();
        expectLines(lines, invoked, status);
        // Each worker thread loads the bundle itself: one cold start per worker used, at most.
        const cold = lines.filter((line) => line.cold_start === true);
        expect(cold.length).toBeGreaterThan(0);
        expect(api.maxInFlight).toBeLessThanOrEqual(MAX_CONCURRENCY);
        expect(api.initErrors).toEqual([]);
        // Reported, not asserted: how many invocations the runtime really held at once.
        console.info(`${routePath}: up to ${api.maxInFlight} invocations in flight`);
      });
    },
  );
});
