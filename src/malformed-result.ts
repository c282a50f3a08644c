/**
 * A handler result the event source would reject (REST API, ALB and VPC Lattice answer a bare
 * 502 of their own) is a failure like a thrown error: the doors turn it into this error, so
 * that it is answered, logged and traced by the same path.
 */
import { type EventSource, malformedResultReason } from './event-source.js';
import type { Incident } from './report-types.js';

/** The error standing for a handler result the event source would reject. */
export class MalformedResultError extends Error {
  override name = 'MalformedResultError';
}

/**
 * The error for `result` when `source` (the event's, from `eventSourceOf`) would reject it;
 * `undefined` when it is fine or the event is not an HTTP request.
 */
export const malformedResult = (
  source: EventSource | undefined,
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
