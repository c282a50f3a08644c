import { describe, expect, it } from 'vitest';
import {
  apiGatewayEvent,
  type IncomingRequest,
  lambdaContext,
  newTrace,
  requestTime,
} from '../../infra/local/event.js';
import { isTraceId } from '../../src/core/trace-id.js';

const request = (overrides: Partial<IncomingRequest> = {}): IncomingRequest => ({
  method: 'GET',
  url: '/boom?a=1&a=2&b=x%20y',
  rawHeaders: [
    'Host',
    '127.0.0.1:3000',
    'User-Agent',
    'curl/8.5.0',
    'Accept',
    'application/json',
    'X-Multi',
    'one',
    'X-Multi',
    'two',
    'x-amzn-trace-id',
    'Root=1-00000000-000000000000000000000000;Sampled=0',
  ],
  body: Buffer.alloc(0),
  sourceIp: '127.0.0.1',
  port: 3000,
  ...overrides,
});

const ids = {
  apiRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  traceHeader: 'Root=1-6650e1f0-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=1',
  receivedAt: Date.UTC(2024, 4, 24, 10, 0, 0, 123),
  resource: '/boom',
};

describe('trace header', () => {
  it('is a fresh, well-formed X-Ray header per request, rooted at the current second', () => {
    const now = Date.UTC(2024, 4, 24, 10, 0, 0);
    const traces = Array.from({ length: 200 }, () => newTrace(now));
    for (const { root, header } of traces) {
      expect(header).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=1$/);
      expect(header.startsWith(`Root=${root};`)).toBe(true);
      expect(isTraceId(root)).toBe(true);
      expect(root.slice(2, 10)).toBe((now / 1_000).toString(16));
    }
    expect(new Set(traces.map(({ root }) => root)).size).toBe(200);
  });
});

describe('API Gateway REST proxy event', () => {
  it('has the fields API Gateway sends, and replaces the client trace header', () => {
    const event = apiGatewayEvent(request(), ids);
    expect(event).toMatchObject({
      resource: '/boom',
      path: '/boom',
      httpMethod: 'GET',
      queryStringParameters: { a: '2', b: 'x y' },
      multiValueQueryStringParameters: { a: ['1', '2'], b: ['x y'] },
      pathParameters: null,
      stageVariables: null,
      body: null,
      isBase64Encoded: false,
    });
    expect(event.headers).toMatchObject({
      Host: '127.0.0.1:3000',
      'User-Agent': 'curl/8.5.0',
      'X-Multi': 'two',
      'X-Amzn-Trace-Id': ids.traceHeader,
      'X-Forwarded-For': '127.0.0.1',
      'X-Forwarded-Port': '3000',
      'X-Forwarded-Proto': 'http',
    });
    expect(event.headers['x-amzn-trace-id']).toBeUndefined();
    expect(event.multiValueHeaders['X-Multi']).toEqual(['one', 'two']);
    expect(event.requestContext).toMatchObject({
      accountId: '123456789012',
      stage: 'local',
      requestId: ids.apiRequestId,
      resourcePath: '/boom',
      httpMethod: 'GET',
      path: '/local/boom',
      protocol: 'HTTP/1.1',
      domainName: '127.0.0.1:3000',
      requestTime: '24/May/2024:10:00:00 +0000',
      requestTimeEpoch: ids.receivedAt,
      identity: { sourceIp: '127.0.0.1', userAgent: 'curl/8.5.0' },
    });
    expect(event.requestContext.extendedRequestId).toMatch(/^[A-Za-z0-9+/]{15}=$/);
  });

  it('has null query parameters without a query string, and keeps bodies', () => {
    const text = apiGatewayEvent(request({ url: '/ok', body: Buffer.from('{"a":1}') }), ids);
    expect(text.queryStringParameters).toBeNull();
    expect(text.multiValueQueryStringParameters).toBeNull();
    expect(text).toMatchObject({ body: '{"a":1}', isBase64Encoded: false });
    const binary = apiGatewayEvent(request({ body: Buffer.from([0xff, 0x00, 0xfe]) }), ids);
    expect(binary).toMatchObject({ body: '/wD+', isBase64Encoded: true });
  });

  it('formats requestTime as API Gateway does', () => {
    expect(requestTime(Date.UTC(2015, 3, 9, 2, 4, 6))).toBe('09/Apr/2015:02:04:06 +0000');
  });
});

describe('Lambda context', () => {
  it('counts the remaining time down to the deadline', async () => {
    const context = lambdaContext('slow', 'req-1', Date.now(), 3_000);
    expect(context).toMatchObject({
      awsRequestId: 'req-1',
      functionName: 'error-normalizer-demo-slow',
      functionVersion: '$LATEST',
      invokedFunctionArn:
        'arn:aws:lambda:us-east-1:123456789012:function:error-normalizer-demo-slow',
      memoryLimitInMB: '256',
      logGroupName: '/aws/lambda/error-normalizer-demo-slow',
      callbackWaitsForEmptyEventLoop: true,
    });
    expect(context.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    const first = context.getRemainingTimeInMillis();
    expect(first).toBeGreaterThan(2_900);
    expect(first).toBeLessThanOrEqual(3_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(context.getRemainingTimeInMillis()).toBeLessThan(first);
    expect(lambdaContext('x', 'r', Date.now() - 5_000, 1_000).getRemainingTimeInMillis()).toBe(0);
  });
});

describe("console.* in Lambda's JSON log format", () => {
  it('writes what the Node.js runtime writes: one string, several values, an Error', async () => {
    const { runtimeLogLine } = await import('../../infra/local/invoke.js');
    const now = new Date('2024-05-24T10:00:00.000Z');
    expect(JSON.parse(runtimeLogLine('INFO', 'req-1', ['hello'], now))).toEqual({
      timestamp: '2024-05-24T10:00:00.000Z',
      level: 'INFO',
      requestId: 'req-1',
      message: 'hello',
    });
    expect(JSON.parse(runtimeLogLine('WARN', 'req-1', ['n=%d', 3], now)).message).toBe('n=3');
    const error = new TypeError('bad');
    const line = JSON.parse(runtimeLogLine('ERROR', 'req-1', [error], now));
    expect(line.message).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad' });
    expect(line.message.stackTrace[0]).toBe('TypeError: bad');
    const mixed = JSON.parse(runtimeLogLine('ERROR', 'req-1', ['failed:', error], now));
    expect(mixed).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad' });
    expect(mixed.message).toMatch(/^failed: TypeError: bad/);
  });
});
