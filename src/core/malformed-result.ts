/**
 * A handler result the event source would reject (REST API, ALB and VPC Lattice answer a bare
 * 502 of their own) is a failure like a thrown error: the doors turn it into this error, so
 * that it is answered, logged and traced by the same path.
 */

import type { Incident } from '../report/types.js';
import type { HttpEventSource } from './event-source.js';
import { isObject } from './read.js';

type Fields = Record<string, unknown>;
const isFields = (value: unknown): value is Fields => isObject(value);

const isHeaderValue = (value: unknown): boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * Whether the runtime leaves the property out: it sends the result as `JSON.stringify` writes
 * it, which drops `undefined`, functions and symbols from an object (not from an array).
 */
const droppedByJson = (value: unknown): boolean =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol';

const validHeaders = (headers: unknown, multi: boolean): boolean => {
  if (headers === undefined || headers === null) return true;
  if (!isObject(headers)) return false;
  // Runs on every successful request: a keyed loop allocates no array of values.
  const record = headers as Record<string, unknown>;
  for (const name in record) {
    if (!Object.hasOwn(record, name)) continue;
    const value = record[name];
    if (droppedByJson(value)) continue;
    if (multi ? !(Array.isArray(value) && value.every(isHeaderValue)) : !isHeaderValue(value)) {
      return false;
    }
  }
  return true;
};

/**
 * Why API Gateway REST, ALB or VPC Lattice would reject this handler result (they answer a bare
 * 502 of their own), or `undefined` when it is acceptable. Payload 2.0 sources accept any JSON
 * result as a 200 body, so only a result that claims a `statusCode` is checked there.
 */
export const malformedResultReason = (
  source: HttpEventSource,
  result: unknown,
): string | undefined => {
  try {
    // Judged as the service receives it: a `toJSON()` result is what the runtime sends.
    const r = isFields(result) && typeof result.toJSON === 'function' ? result.toJSON() : result;
    const lenient = source === 'apigateway-http' || source === 'function-url';
    if (lenient && !(isFields(r) && !droppedByJson(r.statusCode))) return undefined;
    if (source === 'apigateway-websocket' && r === undefined) return undefined;
    if (!isFields(r)) return `result is ${r === null ? 'null' : typeof r}, not an object`;
    const status = r.statusCode;
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
      return 'statusCode is not an integer from 100 to 599';
    }
    const body = r.body;
    if (!droppedByJson(body) && body !== null && typeof body !== 'string') {
      return `body is ${typeof body}, not a string`;
    }
    if (!validHeaders(r.headers, false)) return 'headers are not string values';
    if (!validHeaders(r.multiValueHeaders, true)) {
      return 'multiValueHeaders are not arrays of string values';
    }
    return undefined;
  } catch {
    return 'result could not be read';
  }
};

/** The error standing for a handler result the event source would reject. */
export class MalformedResultError extends Error {
  override name = 'MalformedResultError';
}

/**
 * The error for `result` when `source` (the event's, from `eventSourceOf`) would reject it;
 * `undefined` when it is fine or the event is not an HTTP request.
 */
export const malformedResult = (
  source: HttpEventSource | undefined,
  result: unknown,
): MalformedResultError | undefined => {
  if (source === undefined) return undefined;
  const reason = malformedResultReason(source, result);
  return reason === undefined
    ? undefined
    : new MalformedResultError(`Handler result rejected by ${source}: ${reason}`);
};

/** The log line's `kind` for a thrown value. */
export const failureKind = (error: unknown): Incident['kind'] => {
  try {
    return error instanceof MalformedResultError ? 'malformed_result' : 'uncaught_error';
  } catch {
    // `instanceof` runs a proxy's getPrototypeOf trap, which may throw.
    return 'uncaught_error';
  }
};
