/**
 * The contract check of `npm run load`: what is wrong with one recorded answer of the demo,
 * against the error contract (errors) or the /ok body, and the answer as the harness records it.
 */
import { routes } from '../infra/handlers/routes.js';
import { isTraceId, rootFromTraceHeader } from '../src/core/trace-id.js';

/** Response headers as autocannon hands them over. */
export type ResponseHeaders = Record<string, string | string[]>;

export type Phase = 'warmup' | 'load' | 'slow';

export interface Answer {
  phase: Phase;
  path: string;
  status: number;
  latencyMs: number;
  /** The gateway's trace (X-Amzn-Trace-Id Root), present on every answer. */
  traceId: string | undefined;
  /** The contract's request id (errors only). */
  requestId: string | undefined;
  /** Error code of the body (errors only). */
  code: string | undefined;
  problems: string[];
}

/** The `error` code each error route answers with. */
export const EXPECTED_CODE: Readonly<Record<string, string>> = {
  '/boom': 'internal_server_error',
  '/missing': 'not_found',
  '/upstream': 'bad_gateway',
  '/throttled': 'service_unavailable',
  '/slow': 'gateway_timeout',
  '/malformed': 'internal_server_error',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SNAKE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const CONTRACT_KEYS = 'error,message,requestId,traceId';

const header = (headers: ResponseHeaders, name: string): string | undefined => {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value.join(', ') : value;
  }
  return undefined;
};

/** What is wrong with one answer, checked against the contract (errors) or the /ok body. */
export const checkAnswer = (
  path: string,
  status: number,
  text: string,
  headers: ResponseHeaders,
) => {
  const problems: string[] = [];
  const expected = routes.find((route) => route.path === path)?.status;
  if (status !== expected) problems.push(`status ${status}, expected ${expected}`);
  const traceId = rootFromTraceHeader(header(headers, 'x-amzn-trace-id'));
  if (!isTraceId(traceId)) problems.push(`X-Amzn-Trace-Id root ${JSON.stringify(traceId)}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    problems.push(`body is not JSON: ${JSON.stringify(text.slice(0, 80))}`);
  }
  if (expected !== undefined && expected < 400) {
    if (text !== '{"ok":true}') problems.push(`body ${JSON.stringify(text.slice(0, 80))}`);
    return { problems, traceId, requestId: undefined, code: undefined };
  }
  const record = (body !== null && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const keys = Object.keys(record).sort().join(',');
  if (keys !== CONTRACT_KEYS) problems.push(`body keys ${keys}`);
  const { error, message, traceId: bodyTrace, requestId } = record;
  if (typeof error !== 'string' || !SNAKE.test(error))
    problems.push(`error ${JSON.stringify(error)}`);
  else if (EXPECTED_CODE[path] !== undefined && error !== EXPECTED_CODE[path]) {
    problems.push(`error ${error}, expected ${EXPECTED_CODE[path]}`);
  }
  if (typeof message !== 'string' || message.length === 0) problems.push('message missing');
  if (!isTraceId(bodyTrace)) problems.push(`traceId ${JSON.stringify(bodyTrace)}`);
  else if (bodyTrace !== traceId)
    problems.push(`traceId ${bodyTrace} is not its own trace ${traceId}`);
  if (typeof requestId !== 'string' || !UUID.test(requestId)) {
    problems.push(`requestId ${JSON.stringify(requestId)}`);
  }
  if (header(headers, 'x-trace-id') !== bodyTrace) problems.push('X-Trace-Id != body.traceId');
  if (header(headers, 'x-request-id') !== requestId)
    problems.push('X-Request-Id != body.requestId');
  if (header(headers, 'content-type') !== 'application/json') {
    problems.push(`Content-Type ${header(headers, 'content-type')}`);
  }
  if (header(headers, 'cache-control') !== 'no-store') {
    problems.push(`Cache-Control ${header(headers, 'cache-control')}`);
  }
  if (path === '/throttled' && header(headers, 'retry-after') !== '1') problems.push('Retry-After');
  if (text.includes('s3cr3t')) problems.push('body leaks the secret');
  return {
    problems,
    traceId,
    requestId: typeof requestId === 'string' ? requestId : undefined,
    code: typeof error === 'string' ? error : undefined,
  };
};
