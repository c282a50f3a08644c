/**
 * No secret reaches X-Ray, in any supported setup: errorNormalizer alone, or with Powertools'
 * `captureLambdaHandler` in either order (whose own `addErrorAsMetadata` records the raw error by
 * default), and `captureMethod` inside the handler. The real X-Ray SDK sends its documents over
 * UDP to a socket this test opens on 127.0.0.1; every datagram of the trace, and every line the
 * process writes, is searched for the generated secrets. The handler and the other middlewares still see the original error.
 */
import { createSocket, type Socket } from 'node:dgram';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Tracer as TracerType } from '@aws-lambda-powertools/tracer';
import middy from '@middy/core';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorNormalizer } from '../../src/index.js';
import { captureOutput, fixture, lambdaContext, newTrace } from '../support/lambda.js';

let daemon: Socket;
const datagrams: string[] = [];
let tracer: TracerType;
let captureLambdaHandler: typeof import('@aws-lambda-powertools/tracer/middleware').captureLambdaHandler;
let output: ReturnType<typeof captureOutput>;

beforeAll(async () => {
  daemon = createSocket('udp4');
  daemon.on('message', (packet) => datagrams.push(packet.toString('utf8')));
  await new Promise<void>((done) => daemon.bind(0, '127.0.0.1', done));
  // What Lambda sets; the SDK reads them when it loads, so they come before the import.
  Object.assign(process.env, {
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.address().port}`,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    LAMBDA_TASK_ROOT: '/var/task',
    _HANDLER: 'index.handler',
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
  });
  delete process.env.POWERTOOLS_TRACER_CAPTURE_ERROR;
  const { Tracer } = await import('@aws-lambda-powertools/tracer');
  ({ captureLambdaHandler } = await import('@aws-lambda-powertools/tracer/middleware'));
  tracer = new Tracer({ serviceName: 'xray-secrets' });
});
afterAll(() => daemon.close());
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => output.restore());

const datagramsOf = async (traceId: string, count: number): Promise<string[]> => {
  const mine = () => datagrams.filter((datagram) => datagram.includes(traceId));
  for (let waited = 0; waited < 5_000 && mine().length < count; waited += 10) {
    await new Promise((done) => setTimeout(done, 10));
  }
  // A moment more, so a late extra document is searched too.
  await new Promise((done) => setTimeout(done, 20));
  return mine();
};

type Setup = 'alone' | 'normalizer first' | 'capture first' | 'captureMethod inside';
/** Datagrams each setup sends for one failed request. */
const EXPECTED: Record<Setup, number> = {
  alone: 1,
  'normalizer first': 2,
  'capture first': 1,
  'captureMethod inside': 3,
};

const secrets = fc.record({
  password: fc.stringMatching(/^[A-Za-z0-9]{14,24}$/),
  keyId: fc.stringMatching(/^[A-Z2-7]{16}$/).map((tail) => `AKIA${tail}`),
  token: fc.stringMatching(/^[A-Za-z0-9]{24,40}$/),
});

const invoke = async (setup: Setup, message: string) => {
  const seen: unknown[] = [];
  // captureMethod is a legacy (three-argument) decorator: applied by hand, as TypeScript would.
  const load = {
    value: async (): Promise<never> => {
      throw new Error(message);
    },
  };
  tracer.captureMethod()({}, 'load', load);
  const handler = middy(async () => {
    if (setup === 'captureMethod inside') await load.value();
    throw new Error(message);
  });
  const normalizer = errorNormalizer({ logger: new Logger(), tracer });
  const spy = { onError: (request: { error: unknown }) => void seen.push(request.error) };
  if (setup === 'alone') handler.use(normalizer).use(spy);
  if (setup === 'normalizer first' || setup === 'captureMethod inside') {
    handler.use(normalizer).use(captureLambdaHandler(tracer)).use(spy);
  }
  if (setup === 'capture first') handler.use(captureLambdaHandler(tracer)).use(normalizer).use(spy);
  const result = (await handler(fixture('apigw-request.json'), lambdaContext())) as {
    statusCode: number;
  };
  return { result, seen };
};

describe('no secret reaches X-Ray', () => {
  it.each<Setup>(['alone', 'normalizer first', 'capture first', 'captureMethod inside'])(
    '%s',
    async (setup) => {
      await fc.assert(
        fc.asyncProperty(secrets, async ({ password, keyId, token }) => {
          const trace = newTrace();
          process.env._X_AMZN_TRACE_ID = trace.header;
          const message = `query failed on postgres://app:${password}@db.internal:5432/app with ${keyId}, Authorization: Bearer ${token}`;
          const { result, seen } = await invoke(setup, message);
          expect(result.statusCode).toBe(500);
          // The other middlewares still see the original error, untouched.
          expect((seen[0] as Error).message).toBe(message);
          const sent = (await datagramsOf(trace.root, EXPECTED[setup])).join('\n');
          expect(sent).toContain('postgres://app:***@db.internal');
          const logged = output.lines.map((line) => line.text).join('\n');
          for (const secret of [password, keyId, token]) {
            expect(sent).not.toContain(secret);
            expect(logged).not.toContain(secret);
          }
        }),
        { numRuns: Number(process.env.RUNS ?? 25) },
      );
    },
  );
});
