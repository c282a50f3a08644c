/**
 * A handler result the event source would reject (REST API, ALB and VPC Lattice answer a bare
 * 502 of their own) is a failure like a thrown error: the doors turn it into this error, so
 * that it is answered, logged and traced by the same path.
 */

import type { Incident } from '../report/types.js';
import type { HttpEventSource } from './event-source.js';
import { isObject } from './read.js';

const isHeaderValue = (value: unknown): boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

const validHeaders = (headers: unknown, multi: boolean): boolean => {
  if (headers === undefined || headers === null) return true;
  if (!isObject(headers)) return false;
  // Runs on every successful request: a keyed loop allocates no array of values.
  const record = headers as Record<string, unknown>;
  for (const name in record) {
    if (!Object.hasOwn(record, name)) continue;
    const value = record[name];
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
  const lenient = source === 'apigateway-http' || source === 'function-url';
  if (lenient && !(isObject(result) && 'statusCode' in result)) return undefined;
  if (source === 'apigateway-websocket' && result === undefined) return undefined;
  if (!isObject(result))
    return `result is ${result === null ? 'null' : typeof result}, not an object`;
  try {
    const r = result as Record<string, unknown>;
    const status = r.statusCode;
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
      return 'statusCode is not an integer from 100 to 599';
    }
    const body = r.body;
    if (body !== undefined && body !== null && typeof body !== 'string') {
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
