/**
 * The secrets corpus (issue 19, item 4): every shape of the table, carried every way, thrown
 * through each door (Middy, the real Powertools Router, the plain wrapper) with a real Logger,
 * Tracer (X-Ray SDK over UDP to 127.0.0.1), OpenTelemetry SDK and Powertools Metrics, and
 * looked for in every sink: the response, the log line, the X-Ray documents, the span and the
 * EMF line. 0 leaks; and a control case, redaction off, proves the check sees a planted leak
 * in each sink.
 */
import { Router } from '@aws-lambda-powertools/event-handler/http';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRules } from '../../src/core/default-rules.js';
import {
  type ErrorNormalizerOptions,
  errorNormalizer,
  routerErrorHandler,
  withErrorNormalizer,
} from '../../src/index.js';
import { openTelemetry } from '../../src/opentelemetry.js';
import { DOORS, type Door, routerReady } from '../doors/support.js';
import { captureOutput, fixture, lambdaContext, newTrace } from '../support/lambda.js';
import { inActiveSpan, type OtelSdk, otelSdk } from '../support/otel-sdk.js';
import { startXrayDaemon, type XrayDaemon } from '../support/xray-daemon.js';
import {
  carrier,
  EMBEDDINGS,
  type Embedding,
  type SecretShape,
  SHAPES,
} from './secrets-corpus.table.js';

type Sink = 'response' | 'log line' | 'X-Ray' | 'OTel span' | 'EMF';
const SINKS: readonly Sink[] = ['response', 'log line', 'X-Ray', 'OTel span', 'EMF'];

let daemon: XrayDaemon;
let sdk: OtelSdk;
beforeAll(async () => {
  delete process.env.POWERTOOLS_TRACER_CAPTURE_ERROR;
  daemon = await startXrayDaemon('secrets-corpus');
  sdk = otelSdk();
  sdk.register();
});
afterAll(async () => {
  daemon.close();
  await sdk.shutdown();
  delete process.env._X_AMZN_TRACE_ID;
});

/** The door's handler, built once; each invocation throws what `next.thrown` makes. */
const build = (door: Door, given: ErrorNormalizerOptions, next: { thrown: () => unknown }) => {
  // Every sink on: the OpenTelemetry reporter is opt-in.
  const options = { openTelemetry: openTelemetry(), ...given };
  const failing = async (): Promise<never> => {
    throw next.thrown();
  };
  if (door === 'middy') return middy(failing).use(errorNormalizer(options));
  if (door === 'wrap') return withErrorNormalizer(failing, options);
  const app = new Router();
  app.route(failing, { method: EVENT.httpMethod as 'GET', path: EVENT.path as `/${string}` });
  app.errorHandler(Error, routerErrorHandler(options));
  return (event: unknown, context: Context) => app.resolve(event, context);
};

const EVENT = routerReady(fixture('apigw-request.json'));

interface Seen {
  traceRoot: string;
  sinks: Record<Exclude<Sink, 'X-Ray'>, string>;
}

/** Runs every case through `door`, then reads each sink of each case. */
const runBatch = async (
  door: Door,
  cases: ReadonlyArray<{ thrown: () => unknown }>,
  options: ErrorNormalizerOptions,
): Promise<Array<Seen & { xray: string }>> => {
  const next = { thrown: (): unknown => undefined };
  const handler = build(door, options, next);
  const output = captureOutput();
  const seen: Seen[] = [];
  try {
    for (const { thrown } of cases) {
      next.thrown = thrown;
      const trace = newTrace();
      process.env._X_AMZN_TRACE_ID = trace.header;
      const before = output.lines.length;
      sdk.exporter.reset();
      const result = await inActiveSpan('corpus', async () =>
        handler(structuredClone(EVENT) as never, lambdaContext()),
      );
      const lines = output.lines.slice(before).map((line) => line.text);
      const spans = sdk.exporter.getFinishedSpans().map((span) => ({
        name: span.name,
        attributes: span.attributes,
        status: span.status,
        events: span.events,
      }));
      // Let the daemon socket read what came: a burst of hundreds of datagrams with no turn of
      // the event loop would overflow its receive buffer.
      await new Promise((done) => setImmediate(done));
      seen.push({
        traceRoot: trace.root,
        sinks: {
          response: JSON.stringify(result),
          'log line': lines.filter((line) => !line.includes('"_aws"')).join('\n'),
          'OTel span': JSON.stringify(spans),
          EMF: lines.filter((line) => line.includes('"_aws"')).join('\n'),
        },
      });
    }
  } finally {
    output.restore();
  }
  const last = seen[seen.length - 1];
  if (last !== undefined) await daemon.datagramsOf(last.traceRoot, 1);
  const byTrace = new Map<string, string[]>();
  for (const datagram of daemon.datagrams) {
    const root = /"trace_id":"([^"]+)"/.exec(datagram)?.[1];
    if (root !== undefined) byTrace.set(root, [...(byTrace.get(root) ?? []), datagram]);
  }
  return seen.map((one) => ({ ...one, xray: (byTrace.get(one.traceRoot) ?? []).join('\n') }));
};

const textOf = (seen: Seen & { xray: string }, sink: Sink): string =>
  sink === 'X-Ray' ? seen.xray : seen.sinks[sink];

/** The sinks where `secret` is seen. */
const leaksOf = (seen: Seen & { xray: string }, secret: string): Sink[] =>
  SINKS.filter((sink) => textOf(seen, sink).includes(secret));

const newOptions = (): ErrorNormalizerOptions => ({
  logger: new Logger({ serviceName: 'corpus' }),
  tracer: daemon.tracer,
  metrics: new Metrics({ namespace: 'Corpus', serviceName: 'corpus' }),
});

const CASES: Array<{ shape: SecretShape; embedding: Embedding; thrown: () => unknown }> =
  SHAPES.flatMap((shape) =>
    EMBEDDINGS.map((embedding) => ({ shape, embedding, thrown: () => carrier(shape, embedding) })),
  );

describe('the secrets corpus', () => {
  it('has at least 60 shapes, each carried every way', () => {
    expect(SHAPES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(SHAPES.map((shape) => shape.secret)).size).toBe(SHAPES.length);
    expect(CASES.length).toBe(SHAPES.length * EMBEDDINGS.length);
  });

  it.each(DOORS)(
    '%s: no shape, carried any way, reaches any sink',
    async (door) => {
      const seen = await runBatch(door, CASES, newOptions());
      const leaks: string[] = [];
      seen.forEach((one, i) => {
        const { shape, embedding } = CASES[i] as (typeof CASES)[number];
        // Every sink was written: a check of an empty sink would prove nothing.
        for (const sink of SINKS)
          expect(textOf(one, sink).length, `${sink} of ${shape.name}`).toBeGreaterThan(2);
        for (const sink of leaksOf(one, shape.secret))
          leaks.push(`${shape.name} / ${embedding} -> ${sink}`);
      });
      expect(leaks).toEqual([]);
    },
    120_000,
  );

  it.each(DOORS)('%s: the check sees a planted leak in every sink (control)', async (door) => {
    const secret = 'ControlLeak0123';
    const planted = () =>
      Object.assign(new Error(`plain ${secret}`), { statusCode: 400, expose: true });
    const [seen] = await runBatch(door, [{ thrown: planted }], {
      ...newOptions(),
      redaction: false,
      // The EMF line carries only the code: a rule that names the code after the secret plants it there.
      rules: [() => ({ status: 400, code: `code_${secret}`, expose: true }), ...defaultRules],
    });
    expect(seen && leaksOf(seen, secret)).toEqual(SINKS);
  });
});
