/**
 * What every measurement shares: the real API Gateway REST event, a Lambda-like context, the
 * handlers, one Powertools Logger and the stacks under comparison (paired in pairs.ts).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { errorNormalizer, withErrorNormalizer } from '../src/index.js';
import apigwRequest from '../test/fixtures/aws-events/apigw-request.json' with { type: 'json' };
import { byHandErrorMiddleware } from './by-hand.js';

export const event = apigwRequest as unknown as APIGatewayProxyEvent;

export const context: Context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'bench-fn',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:bench-fn',
  memoryLimitInMB: '1024',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  logGroupName: '/aws/lambda/bench-fn',
  logStreamName: '2026/01/01/[$LATEST]0123456789abcdef',
  getRemainingTimeInMillis: () => 30_000,
  done: () => {},
  fail: () => {},
  succeed: () => {},
};

/** A small but real handler: a valid REST API result built from the request. */
export const okHandler = async (e: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ ok: true, path: e.path, method: e.httpMethod }),
});

export const failingHandler = async (_e: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  throw new Error('database unavailable');
};

export type Invoke = (e: APIGatewayProxyEvent, c: Context) => Promise<unknown>;
export type Handler = typeof okHandler;

/** A handler wrapped one way, by a name unique among the stacks measured together. */
export interface Stack {
  name: string;
  build: (handler: Handler) => Invoke;
}

/** One logger for every stack; where it writes (a discarded stream) is up to the process. */
export const logger = new Logger({ serviceName: 'bench' });

export const stacks = {
  normalizer: { name: 'normalizer', build: (h) => middy(h).use(errorNormalizer({ logger })) },
  // Same logger, same single log call per failure.
  peer: {
    name: 'peer',
    build: (h) =>
      middy(h).use(httpErrorHandler({ logger: (error) => logger.error('Unhandled error', error) })),
  },
  byHand: { name: 'byHand', build: (h) => middy(h).use(byHandErrorMiddleware(logger)) },
  bare: { name: 'bare', build: (h) => middy(h) },
  // The plain-handler door, and the handler as Lambda would call it without any wrapper.
  wrapped: { name: 'wrapped', build: (h) => withErrorNormalizer(h, { logger }) },
  plain: { name: 'plain', build: (h) => h },
} satisfies Record<string, Stack>;
