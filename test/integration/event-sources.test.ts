/**
 * Every file of test/fixtures/aws-events, fed as it is: requests get an answer in their source's
 * shape, the SQS batch gets its error back untouched, and the sample responses pass through.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import { describe, expect, it } from 'vitest';
import { errorNormalizer } from '../../src/index.js';
import { eachInvocation, fixture, fixtureNames, lambdaContext } from '../support/lambda.js';

type Result = Record<string, unknown> & { statusCode: number; body: string };

const invocation = eachInvocation();

const failing = () =>
  middy(async () => {
    throw new Error('db password=hunter2 rejected');
  }).use(errorNormalizer({ logger: new Logger() }));

const REQUESTS: Record<string, string> = {
  'apigw-request.json': 'apigateway-rest',
  'apigw-v2-request-no-authorizer.json': 'apigateway-http',
  'apigw-v2-request-jwt-authorizer.json': 'apigateway-http',
  'lambda-urls-request.json': 'function-url',
  'alb-lambda-target-request-headers-only.json': 'alb',
  'alb-lambda-target-request-multivalue-headers.json': 'alb',
  'apigw-websocket-request.json': 'apigateway-websocket',
};
const RESPONSES = [
  'apigw-response.json',
  'alb-lambda-target-response.json',
  'lambda-urls-response.json',
];
const NOT_HTTP = ['sqs-event.json'];

describe('event sources', () => {
  it('covers every fixture of test/fixtures/aws-events', () => {
    expect(fixtureNames().sort()).toEqual(
      [...Object.keys(REQUESTS), ...RESPONSES, ...NOT_HTTP].sort(),
    );
  });

  it.each(Object.entries(REQUESTS))('answers %s in the %s shape', async (name, source) => {
    const context = lambdaContext();
    const result = (await failing()(fixture(name), context)) as Result;
    expect(result.statusCode).toBe(500);
    expect(result.isBase64Encoded).toBe(false);
    expect(JSON.parse(result.body)).toEqual({
      error: 'internal_server_error',
      message: 'An internal error occurred.',
      traceId: invocation.trace.root,
      requestId: context.awsRequestId,
    });
    expect(invocation.output.logs('ERROR')).toEqual([
      expect.objectContaining({ eventSource: source }),
    ]);

    const multi = name === 'alb-lambda-target-request-multivalue-headers.json';
    const headers = multi
      ? (result.multiValueHeaders as Record<string, string[]>)
      : (result.headers as Record<string, string>);
    if (multi) {
      expect(result.headers).toBeUndefined();
      expect(headers['Content-Type']).toEqual(['application/json']);
      expect(headers['X-Trace-Id']).toEqual([invocation.trace.root]);
    } else {
      expect(result.multiValueHeaders).toBeUndefined();
      expect(headers['Content-Type']).toBe('application/json');
      expect(headers['X-Request-Id']).toBe(context.awsRequestId);
    }
    if (source === 'alb') expect(result.statusDescription).toBe('500 Internal Server Error');
    else expect(result.statusDescription).toBeUndefined();
  });

  it('re-throws the error of an SQS batch untouched, without answering', async () => {
    const thrown = new Error('message 1 failed');
    const handler = middy(async () => {
      throw thrown;
    }).use(errorNormalizer({ logger: new Logger() }));
    await expect(handler(fixture('sqs-event.json'), lambdaContext())).rejects.toBe(thrown);
    expect(invocation.output.logs('ERROR')).toHaveLength(0);
  });

  it.each([
    [
      'EventBridge',
      { version: '0', id: 'x', 'detail-type': 'Order Placed', source: 'shop', detail: {} },
    ],
    ['S3', { Records: [{ eventSource: 'aws:s3', s3: { bucket: { name: 'b' } } }] }],
    ['a direct invoke', { orderId: 17 }],
    ['no event', undefined],
  ])('re-throws the error of %s', async (_source, event) => {
    const handler = middy(async () => {
      throw 'not an http request';
    }).use(errorNormalizer({ logger: new Logger() }));
    await expect(handler(event, lambdaContext())).rejects.toBe('not an http request');
  });

  it.each(RESPONSES)('passes the valid sample response %s through untouched', async (name) => {
    const response = fixture(name);
    const request =
      name === 'alb-lambda-target-response.json'
        ? 'alb-lambda-target-request-headers-only.json'
        : name === 'lambda-urls-response.json'
          ? 'lambda-urls-request.json'
          : 'apigw-request.json';
    const handler = middy(async () => response).use(errorNormalizer({ logger: new Logger() }));
    await expect(handler(fixture(request), lambdaContext())).resolves.toEqual(fixture(name));
    expect(invocation.output.logs()).toHaveLength(0);
  });

  it.each<[string, unknown]>([
    ['a string statusCode', { statusCode: '200', body: 'ok' }],
    ['an object body', { statusCode: 200, body: { ok: true } }],
    ['a string', 'ok'],
    ['undefined', undefined],
    ['headers with object values', { statusCode: 200, headers: { a: { b: 1 } }, body: '' }],
  ])('turns a REST API result with %s into a logged contract 500', async (_what, bad) => {
    const context = lambdaContext();
    const handler = middy(async () => bad).use(errorNormalizer({ logger: new Logger() }));
    const result = (await handler(fixture('apigw-request.json'), context)) as Result;
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body)).toMatchObject({
      error: 'internal_server_error',
      traceId: invocation.trace.root,
    });
    const [line] = invocation.output.logs('ERROR');
    expect(line).toMatchObject({
      kind: 'malformed_result',
      error: { name: 'MalformedResultError' },
    });
  });

  it('turns a malformed ALB result into a 500 and accepts any JSON result on HTTP APIs', async () => {
    const bad = middy(async (): Promise<unknown> => ({ statusCode: 200, body: { ok: true } })).use(
      errorNormalizer({ logger: new Logger() }),
    );
    const alb = (await bad(
      fixture('alb-lambda-target-request-headers-only.json'),
      lambdaContext(),
    )) as Result;
    expect(alb.statusCode).toBe(500);
    const plain = middy(async () => ({ ok: true })).use(errorNormalizer({ logger: new Logger() }));
    await expect(
      plain(fixture('apigw-v2-request-no-authorizer.json'), lambdaContext()),
    ).resolves.toEqual({
      ok: true,
    });
  });
});

/** Shapes AWS documents that test/fixtures/aws-events has no sample of, written from the docs. */
describe('other event shapes', () => {
  const failing = () =>
    middy(async () => {
      throw new Error('boom');
    }).use(errorNormalizer({ logger: new Logger() }));
  const rest = () => fixture('apigw-request.json') as Record<string, unknown>;

  it.each<[string, () => unknown, Record<string, unknown>]>([
    [
      'a REST API event with null headers (API Gateway sends null when there are none)',
      () => ({ ...rest(), headers: null, multiValueHeaders: null }),
      { headers: expect.any(Object) },
    ],
    [
      'an HTTP API event in payload 1.0',
      () => ({ ...rest(), version: '1.0' }),
      { headers: expect.any(Object) },
    ],
    [
      'a VPC Lattice event in payload 2.0 (array headers)',
      () => ({
        version: '2.0',
        path: '/orders',
        method: 'GET',
        headers: { 'x-amzn-trace-id': ['Root=1-5759e988-bd862e3fe1be46a994272793'] },
        body: '',
        isBase64Encoded: false,
        requestContext: {
          serviceNetworkArn:
            'arn:aws:vpc-lattice:us-east-2:123456789012:servicenetwork/sn-0bf3f2882e9cc805a',
          serviceArn: 'arn:aws:vpc-lattice:us-east-2:123456789012:service/svc-0a40eebed65f8d69c',
          targetGroupArn:
            'arn:aws:vpc-lattice:us-east-2:123456789012:targetgroup/tg-6d0ecf831eec9f09',
          region: 'us-east-2',
          timeEpoch: '1696331543569073',
        },
      }),
      { statusDescription: '500 Internal Server Error' },
    ],
    [
      'a VPC Lattice event in payload 1.0',
      () => ({
        raw_path: '/orders',
        method: 'GET',
        headers: { 'user-agent': 'curl/7.64.1' },
        query_string_parameters: {},
        body: '',
        is_base64_encoded: false,
      }),
      { statusDescription: '500 Internal Server Error' },
    ],
  ])('answers %s', async (_what, event, shape) => {
    const result = (await failing()(event(), lambdaContext())) as Result;
    expect(result).toMatchObject({ statusCode: 500, isBase64Encoded: false, ...shape });
    expect(JSON.parse(result.body).error).toBe('internal_server_error');
  });

  it('takes the trace id from array-valued headers when the invocation has none', async () => {
    delete process.env._X_AMZN_TRACE_ID;
    const event = {
      version: '2.0',
      path: '/',
      method: 'GET',
      headers: {
        'x-amzn-trace-id': [
          'Self=1-67891234-12456789abcdef012345678;Root=1-5759e988-bd862e3fe1be46a994272793',
        ],
      },
      requestContext: {
        serviceNetworkArn: 'arn:aws:vpc-lattice:us-east-2:123456789012:servicenetwork/sn-1',
      },
    };
    const result = (await failing()(event, lambdaContext())) as Result;
    expect(JSON.parse(result.body).traceId).toBe('1-5759e988-bd862e3fe1be46a994272793');
  });

  it.each<[string, unknown]>([
    [
      'CloudFront (Lambda@Edge)',
      { Records: [{ cf: { config: { distributionId: 'E1' }, request: { uri: '/' } } }] },
    ],
    ['DynamoDB Streams', { Records: [{ eventSource: 'aws:dynamodb', dynamodb: { Keys: {} } }] }],
    ['SNS', { Records: [{ HttpEventSource: 'aws:sns', Sns: { Message: 'hi' } }] }],
    ['Kinesis', { Records: [{ eventSource: 'aws:kinesis', kinesis: { data: 'aGk=' } }] }],
    ['a scheduled event', { source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} }],
    ['a Cognito trigger', { triggerSource: 'PreSignUp_SignUp', request: {}, response: {} }],
  ])('re-throws the error of %s', async (_source, event) => {
    const thrown = new Error('not http');
    const handler = middy(async () => {
      throw thrown;
    }).use(errorNormalizer({ logger: new Logger() }));
    await expect(handler(event, lambdaContext())).rejects.toBe(thrown);
  });
});
