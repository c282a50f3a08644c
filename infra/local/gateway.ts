/**
 * What API Gateway does around an invocation in the local demo: the body limit, the check of
 * the Lambda proxy result, its own error answers (in the middleware's contract shape, as the
 * stack's gateway responses give them), its headers, and its access log line.
 */
import type { IncomingMessage } from 'node:http';
import { isRecord } from '../../src/core/read.js';

/** API Gateway's payload limit. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** An HTTP answer. */
export interface Answer {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** Headers API Gateway puts on every answer. */
export const gatewayHeaders = (apiRequestId: string, traceId: string): Record<string, string> => ({
  'x-amzn-RequestId': apiRequestId,
  'X-Amzn-Trace-Id': `Root=${traceId}`,
});

/** A gateway response in the middleware's contract shape (see src/cdk/gateway-responses.ts). */
export const gatewayError = (
  status: number,
  error: string,
  message: string,
  traceId: string,
  apiRequestId: string,
): Answer => ({
  statusCode: status,
  headers: {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    // Static gateway response headers, so that a page on another origin can read these too.
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': 'X-Trace-Id, X-Request-Id, Retry-After',
  },
  body: Buffer.from(JSON.stringify({ error, message, traceId, requestId: apiRequestId })),
});

/** The HTTP answer of a Lambda proxy result, or `undefined` when API Gateway would reject it. */
export const answerOf = (result: unknown): Answer | undefined => {
  if (!isRecord(result)) return undefined;
  const { statusCode, body, isBase64Encoded } = result;
  if (
    !Number.isInteger(statusCode) ||
    (statusCode as number) < 100 ||
    (statusCode as number) > 599
  ) {
    return undefined;
  }
  if (body !== undefined && body !== null && typeof body !== 'string') return undefined;
  const headers: Record<string, string | string[]> = {};
  for (const key of ['headers', 'multiValueHeaders'] as const) {
    const source = result[key];
    if (source === undefined || source === null) continue;
    if (!isRecord(source)) return undefined;
    for (const [name, value] of Object.entries(source)) {
      headers[name] = Array.isArray(value) ? value.map(String) : String(value);
    }
  }
  const text = typeof body === 'string' ? body : '';
  return {
    statusCode: statusCode as number,
    headers,
    body: isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text),
  };
};

/** The request body, or `undefined` when it is over API Gateway's limit. */
export const readBody = async (req: IncomingMessage): Promise<Buffer | undefined> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

/** What the access log line of one request says. */
export interface AccessFields {
  apiRequestId: string;
  /** The Lambda request id, when a function was invoked. */
  requestId: string | undefined;
  traceId: string;
  ip: string | undefined;
  method: string;
  path: string;
  /** Whether a route matched the path. */
  matched: boolean;
  status: number;
  httpVersion: string;
  responseLength: number;
  latencyMs: number;
}

/** The access log line, as API Gateway writes it; `requestId` is API Gateway's own id. */
export const accessLine = (fields: AccessFields): string =>
  JSON.stringify({
    timestamp: new Date().toISOString(),
    type: 'access',
    requestId: fields.apiRequestId,
    integrationRequestId: fields.requestId ?? null,
    traceId: fields.traceId,
    ip: fields.ip ?? null,
    httpMethod: fields.method,
    path: fields.path,
    resourcePath: fields.matched ? fields.path : null,
    status: fields.status,
    protocol: `HTTP/${fields.httpVersion}`,
    responseLength: fields.responseLength,
    latencyMs: fields.latencyMs,
  });
