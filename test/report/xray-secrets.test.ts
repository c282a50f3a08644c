/**
 * No secret reaches X-Ray, in any supported setup: errorNormalizer alone, or with Powertools'
 * `captureLambdaHandler` in either order (whose own `addErrorAsMetadata` records the raw error by
 * default), and `captureMethod` inside the handler. The real X-Ray SDK sends its documents over
 * UDP to a socket this test opens on 127.0.0.1; every datagram of the trace, and every line the
 * process writes, is searched for the generated secrets. The handler and the other middlewares still see the original error.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorNormalizer } from '../../src/index.js';
import { captureOutput, fixture, lambdaContext, newTrace } from '../support/lambda.js';
import { startXrayDaemon, type XrayDaemon } from '../support/xray-daemon.js';

let daemon: XrayDaemon;
let output: ReturnType<typeof captureOutput>;

beforeAll(async () => {
  delete process.env.POWERTOOLS_TRACER_CAPTURE_ERROR;
  daemon = await startXrayDaemon('xray-secrets');
});
afterAll(() => daemon.close());
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => output.restore());

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
  daemon.tracer.captureMethod()({}, 'load', load);
  const handler = middy(async () => {
    if (setup === 'captureMethod inside') await load.value();
    throw new Error(message);
  });
  const normalizer = errorNormalizer({ logger: new Logger(), tracer: daemon.tracer });
  const spy = { onError: (request: { error: unknown }) => void seen.push(request.error) };
  if (setup === 'alone') handler.use(normalizer).use(spy);
  if (setup === 'normalizer first' || setup === 'captureMethod inside') {
    handler.use(normalizer).use(daemon.captureLambdaHandler(daemon.tracer)).use(spy);
  }
  if (setup === 'capture first')
    handler.use(daemon.captureLambdaHandler(daemon.tracer)).use(normalizer).use(spy);
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
          const sent = (await daemon.datagramsOf(trace.root, EXPECTED[setup])).join('\n');
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
