/**
 * What API Gateway (REST API, Lambda proxy integration, payload 1.0) and Lambda hand a
 * function, built from a plain HTTP request: the event, the context, and a fresh X-Ray trace
 * header per request, as API Gateway starts a new trace for a request that brings none.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

export const ACCOUNT_ID = '123456789012';
export const REGION = 'us-east-1';
export const STAGE = 'local';
export const API_ID = 'localdemo0';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/**
 * A new X-Ray trace: its root id (`1-<epoch seconds>-<24 hex>`) and the `X-Amzn-Trace-Id` /
 * `_X_AMZN_TRACE_ID` value that carries it (`Root=…;Parent=<16 hex>;Sampled=1`).
 */
export const newTrace = (nowMs = Date.now()): { root: string; header: string } => {
  const seconds = Math.floor(nowMs / 1_000)
    .toString(16)
    .padStart(8, '0');
  const root = `1-${seconds}-${hex(12)}`;
  return { root, header: `Root=${root};Parent=${hex(8)};Sampled=1` };
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** API Gateway's `requestTime`: `09/Apr/2015:12:34:56 +0000`. */
export const requestTime = (ms: number): string => {
  const d = new Date(ms);
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
};

/** One HTTP request, as the server read it. */
export interface IncomingRequest {
  method: string;
  /** Path and query string, as on the request line. */
  url: string;
  /** Header names and values alternating, names in the case the client sent. */
  rawHeaders: readonly string[];
  body: Buffer;
  sourceIp: string;
  /** Port the server listens on, for `X-Forwarded-Port`. */
  port: number;
}

/** What API Gateway adds to a request it proxies. */
export interface GatewayIds {
  /** API Gateway's own request id (`requestContext.requestId`, `x-amzn-RequestId`). */
  apiRequestId: string;
  traceHeader: string;
  /** When API Gateway received the request, epoch ms. */
  receivedAt: number;
  /** The matched resource, e.g. `/boom`. */
  resource: string;
}

const TRACE_HEADER = 'x-amzn-trace-id';

const decodeBody = (body: Buffer): { body: string | null; isBase64Encoded: boolean } => {
  if (body.length === 0) return { body: null, isBase64Encoded: false };
  const text = body.toString('utf8');
  return Buffer.from(text, 'utf8').equals(body)
    ? { body: text, isBase64Encoded: false }
    : { body: body.toString('base64'), isBase64Encoded: true };
};

/** The API Gateway REST proxy event (payload 1.0) of `request`. */
export const apiGatewayEvent = (
  request: IncomingRequest,
  ids: GatewayIds,
): APIGatewayProxyEvent => {
  const url = new URL(request.url, 'http://localhost');
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i] ?? '';
    const value = request.rawHeaders[i + 1] ?? '';
    // API Gateway continues or starts the trace; the client's header is never passed as sent.
    if (name.toLowerCase() === TRACE_HEADER) continue;
    headers[name] = value;
    multiValueHeaders[name] = [...(multiValueHeaders[name] ?? []), value];
  }
  const added: Record<string, string> = {
    'X-Amzn-Trace-Id': ids.traceHeader,
    'X-Forwarded-For': request.sourceIp,
    'X-Forwarded-Port': String(request.port),
    'X-Forwarded-Proto': 'http',
  };
  for (const [name, value] of Object.entries(added)) {
    headers[name] = value;
    multiValueHeaders[name] = [value];
  }

  let queryStringParameters: Record<string, string> | null = null;
  let multiValueQueryStringParameters: Record<string, string[]> | null = null;
  for (const [key, value] of url.searchParams) {
    queryStringParameters ??= {};
    multiValueQueryStringParameters ??= {};
    queryStringParameters[key] = value;
    multiValueQueryStringParameters[key] = [...(multiValueQueryStringParameters[key] ?? []), value];
  }

  const host = headers.Host ?? headers.host ?? `127.0.0.1:${request.port}`;
  const userAgent = headers['User-Agent'] ?? headers['user-agent'] ?? null;
  return {
    resource: ids.resource,
    path: url.pathname,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters,
    multiValueQueryStringParameters,
    pathParameters: null,
    stageVariables: null,
    ...decodeBody(request.body),
    requestContext: {
      accountId: ACCOUNT_ID,
      apiId: API_ID,
      authorizer: null,
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      extendedRequestId: randomBytes(11).toString('base64'),
      httpMethod: request.method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp,
        user: null,
        userAgent,
        userArn: null,
      },
      path: `/${STAGE}${url.pathname}`,
      protocol: 'HTTP/1.1',
      requestId: ids.apiRequestId,
      requestTime: requestTime(ids.receivedAt),
      requestTimeEpoch: ids.receivedAt,
      resourceId: hex(3),
      resourcePath: ids.resource,
      stage: STAGE,
    },
  };
};

/** The function a route runs as. */
export const functionName = (handler: string): string => `error-normalizer-demo-${handler}`;

/**
 * The Lambda context of one invocation. `getRemainingTimeInMillis` counts down to
 * `startedAt + timeoutMs`, as Lambda's does to the function's timeout.
 */
export const lambdaContext = (
  handler: string,
  awsRequestId: string,
  startedAt: number,
  timeoutMs: number,
): Context => {
  const name = functionName(handler);
  const day = new Date(startedAt).toISOString().slice(0, 10).replaceAll('-', '/');
  const context: Omit<Context, 'done' | 'fail' | 'succeed'> = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${name}`,
    memoryLimitInMB: '256',
    awsRequestId,
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: `${day}/[$LATEST]${hex(16)}`,
    getRemainingTimeInMillis: () => Math.max(0, startedAt + timeoutMs - Date.now()),
  };
  // done/fail/succeed are the long-deprecated callback API; Middy handlers never call them.
  return context as Context;
};

/** A fresh Lambda request id. */
export const newRequestId = (): string => randomUUID();
