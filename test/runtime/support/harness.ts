/**
 * One deployed function run inside `aws-lambda-ric` against the test Runtime API, and the
 * events API Gateway and function URLs would send it.
 */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { ACCOUNT_ID, REGION } from '../../../infra/local/event.js';
import { fixture, newTrace } from '../../support/lambda.js';
import type { DeployedFunction } from './deployed.js';
import { type FunctionInstance, startFunctionInstance } from './ric-process.js';
import { type Outcome, RuntimeApi } from './runtime-api.js';

export interface Running {
  api: RuntimeApi;
  instance: FunctionInstance;
  /**
   * One invocation with a fresh trace; its root id, request id and what came back. An HTTP
   * event also carries the trace header (API Gateway forwards it); `asIs` sends the event
   * untouched, as queues, streams and authorizers send theirs.
   */
  invoke: (event: unknown, timeoutMs?: number, asIs?: boolean) => Promise<Invoked>;
}

export interface Invoked {
  root: string;
  outcome: Outcome;
}

/**
 * Starts `fn` in the runtime client, runs `body`, then stops the instance. Multi-concurrent
 * when `maxConcurrency` is set (Lambda Managed Instances).
 */
export const withFunction = async <T>(
  fn: DeployedFunction,
  maxConcurrency: number | undefined,
  body: (running: Running) => Promise<T>,
): Promise<T> => {
  const functionName = `demo-${fn.functionId}`;
  const api = new RuntimeApi(
    `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${functionName}`,
    maxConcurrency ?? 1,
  );
  const runtimeApi = await api.listen();
  const instance = startFunctionInstance({
    ricEntry: inject('ricEntry'),
    taskRoot: fn.taskRoot,
    handler: fn.handler,
    functionName,
    memorySize: fn.memorySize,
    environment: fn.environment,
    runtimeApi,
    ...(maxConcurrency === undefined ? {} : { maxConcurrency }),
  });
  const invoke = async (event: unknown, timeoutMs = fn.timeoutSeconds * 1_000, asIs = false) => {
    const { root, header } = newTrace();
    const sent = asIs ? event : withTraceHeader(event, header);
    const outcome = await Promise.race([
      api.invoke({ event: sent, traceHeader: header, timeoutMs }),
      instance.exited.then((code) => {
        const output = instance.lines.map((line) => line.text).join('\n');
        throw new Error(`The function instance exited (${code}) mid-invocation:\n${output}`);
      }),
    ]);
    return { root, outcome };
  };
  try {
    return await body({ api, instance, invoke });
  } finally {
    await instance.stop();
    await api.close();
  }
};

/** API Gateway forwards the trace header it started to the function, as the event shows. */
const withTraceHeader = (event: unknown, header: string): unknown => {
  const copy = structuredClone(event) as { headers?: Record<string, string> };
  copy.headers = { ...copy.headers, 'X-Amzn-Trace-Id': header };
  return copy;
};

/** The shared REST API proxy event, as API Gateway sends it for `GET <routePath>`. */
export const restEvent = (routePath: string): Record<string, unknown> => {
  const event = fixture('apigw-request.json') as Record<string, unknown> & {
    requestContext: Record<string, unknown>;
  };
  return {
    ...event,
    resource: routePath,
    path: routePath,
    httpMethod: 'GET',
    body: null,
    pathParameters: null,
    requestContext: {
      ...event.requestContext,
      resourcePath: routePath,
      path: `/demo${routePath}`,
      httpMethod: 'GET',
      requestId: randomUUID(),
    },
  };
};

/** The shared function URL event, as the URL sends it for `GET /stream?<query>`. */
export const functionUrlEvent = (query: Record<string, string>): Record<string, unknown> => {
  const event = fixture('lambda-urls-request.json') as Record<string, unknown> & {
    requestContext: Record<string, unknown> & { http: Record<string, unknown> };
  };
  const { body: _body, ...withoutBody } = event;
  return {
    ...withoutBody,
    rawPath: '/stream',
    rawQueryString: new URLSearchParams(query).toString(),
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    isBase64Encoded: false,
    requestContext: {
      ...event.requestContext,
      requestId: randomUUID(),
      http: { ...event.requestContext.http, method: 'GET', path: '/stream' },
    },
  };
};
