/**
 * The X-Ray daemon is unreachable (nothing listens on its UDP port): segments go nowhere, and
 * the middleware still answers by the contract. (An address that does not parse makes the X-Ray
 * SDK itself throw when it loads, at the function's init, before any middleware exists.)
 */

import { Logger } from '@aws-lambda-powertools/logger';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import middy from '@middy/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorNormalizer } from '../../src/index.js';
import { eachInvocation, fixture, lambdaContext } from '../support/lambda.js';
import { lambdaTracer, unreachableDaemonAddress } from '../support/xray-daemon.js';

let tracer: Tracer;

beforeAll(async () => {
  ({ tracer } = await lambdaTracer(await unreachableDaemonAddress(), 'unreachable-daemon'));
});

describe('unreachable X-Ray daemon', () => {
  const invocation = eachInvocation();

  it('answers every failure by the contract and logs it once', async () => {
    expect(tracer.isTracingEnabled()).toBe(true);
    const handler = middy(async () => {
      throw new Error('boom');
    }).use(errorNormalizer({ logger: new Logger(), tracer }));
    for (let i = 0; i < 5; i++) {
      const result = (await handler(fixture('apigw-request.json'), lambdaContext())) as {
        statusCode: number;
        body: string;
      };
      expect(result.statusCode).toBe(500);
      expect(JSON.parse(result.body).traceId).toBe(invocation.trace.root);
    }
    // Give the UDP sends time to fail, if they were going to surface anywhere.
    await new Promise((done) => setTimeout(done, 100));
    expect(invocation.output.logs('ERROR')).toHaveLength(5);
  });
});
