/**
 * Lambda Managed Instances: one process serves many invocations at once, each with its own
 * trace id in Lambda's per-invocation store (`@aws/lambda-invoke-store`, which the runtime
 * uses). `process.env._X_AMZN_TRACE_ID` then holds some other invocation's id: a decoy here.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { InvokeStore, InvokeStoreBase } from '@aws/lambda-invoke-store';
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorNormalizer } from '../../src/index.js';
import { captureOutput, fixture, lambdaContext, newTrace } from '../support/lambda.js';

const { REQUEST_ID, X_RAY_TRACE_ID } = InvokeStoreBase.PROTECTED_KEYS;
let store: InvokeStoreBase;
const decoy = newTrace();

beforeAll(async () => {
  process.env.AWS_LAMBDA_MAX_CONCURRENCY = '64';
  process.env._X_AMZN_TRACE_ID = decoy.header;
  store = await InvokeStore.getInstanceAsync();
});
afterAll(() => {
  delete process.env.AWS_LAMBDA_MAX_CONCURRENCY;
  delete process.env._X_AMZN_TRACE_ID;
});

describe('concurrent invocations in one process', () => {
  it('answers 40 concurrent failures, each with its own trace id and request id', async () => {
    expect(store.constructor.name).toBe('InvokeStoreMulti');
    const output = captureOutput();
    const logger = new Logger({ serviceName: 'concurrency-test' });
    const handler = middy(async (_event: unknown, context: { awsRequestId: string }) => {
      // Interleave: every invocation is suspended while others run.
      await sleep(Math.floor(Math.random() * 20));
      throw new Error(`invocation ${context.awsRequestId} failed`);
    }).use(errorNormalizer({ logger }));

    const invocations = Array.from({ length: 40 }, () => {
      const trace = newTrace();
      const context = lambdaContext();
      const run = () => handler(fixture('apigw-request.json'), context);
      const stored = { [REQUEST_ID]: context.awsRequestId, [X_RAY_TRACE_ID]: trace.header };
      return store
        .run(stored, run)
        .then((result) => ({ trace, requestId: context.awsRequestId, result }));
    });
    const answers = await Promise.all(invocations);
    output.restore();

    for (const { trace, requestId, result } of answers) {
      const { statusCode, body, headers } = result as {
        statusCode: number;
        body: string;
        headers: Record<string, string>;
      };
      expect(statusCode).toBe(500);
      expect(JSON.parse(body)).toMatchObject({ traceId: trace.root, requestId });
      expect(headers['X-Trace-Id']).toBe(trace.root);
    }
    expect(new Set(answers.map(({ trace }) => trace.root)).size).toBe(40);
    expect(JSON.stringify(answers)).not.toContain(decoy.root);

    // Each log line is stamped by Powertools with its own invocation's trace id.
    const lines = output.logs('ERROR');
    expect(lines).toHaveLength(40);
    for (const line of lines) {
      expect(line.xray_trace_id).toBe(line.traceId);
      expect(String((line.error as { message: string }).message)).toContain(String(line.requestId));
    }
  });
});
