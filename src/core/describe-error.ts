/**
 * Turns any thrown value into plain, bounded, acyclic data that a logger can serialize.
 *
 * Thrown values are hostile by nature: getters that throw, proxies, frozen objects, circular
 * `cause` chains, megabyte messages. Every property read here goes through `read()`, every
 * string is capped, and the cause chain is walked with a visited set and a depth bound, so
 * describing an error can neither throw nor grow without limit.
 */

/** Plain description of a thrown value, safe to serialize. */
export interface DescribedError {
  /** `Error` subclass name, or the `typeof` of a non-error value (`string`, `null`...). */
  name: string;
  /** The message, redacted; for a non-error value, its text. */
  message: string;
  /** The stack, redacted, when the value had one. */
  stack?: string;
  /** Node / SDK error code (`ECONNREFUSED`, `ThrottlingException`...). */
  code?: string;
  /** The status the error carries (its `statusCode`, else its `status`). */
  statusCode?: number;
  /** AWS SDK v3 fault side (`client` or `server`). */
  fault?: string;
  /** Properties of the error worth keeping (primitive values only). */
  fields?: Record<string, string | number | boolean | null>;
  /** The error's `cause`, described the same way (bounded depth, circles cut). */
  cause?: DescribedError;
  /** Errors of an `AggregateError`. */
  errors?: DescribedError[];
  /** Set when the chain loops back to an error already described. */
  circular?: true;
  /** Set when a string was cut, or the chain was cut at its depth bound. */
  truncated?: true;
}

import { cap, isObject, read, safeString } from './read.js';

export const MAX_MESSAGE_CHARS = 8_192;
export const MAX_STACK_CHARS = 16_384;
const MAX_DEPTH = 8;
const MAX_AGGREGATE = 5;
const MAX_FIELDS = 20;

/** Properties handled explicitly, or noise that is never worth logging. */
const SKIPPED_FIELDS = new Set([
  'name',
  'message',
  'stack',
  'cause',
  'errors',
  'code',
  'statusCode',
  'status',
  '$fault',
  '$metadata',
  '$response',
  '$retryable',
]);

const stringOf = (value: unknown, max: number): string | undefined =>
  typeof value === 'string' ? cap(value, max) : undefined;

const nameOf = (value: unknown): string => {
  if (value === null) return 'null';
  if (typeof value !== 'object' && typeof value !== 'function') return typeof value;
  const own = read(value, 'name');
  if (typeof own === 'string' && own.length > 0) return cap(own, 200);
  const ctor = read(read(value, 'constructor'), 'name');
  return typeof ctor === 'string' && ctor.length > 0 ? cap(ctor, 200) : 'object';
};

const fieldsOf = (value: object): DescribedError['fields'] => {
  let keys: string[];
  try {
    keys = Object.keys(value);
  } catch {
    return undefined;
  }
  let fields: Record<string, string | number | boolean | null> | undefined;
  let count = 0;
  for (const key of keys) {
    if (SKIPPED_FIELDS.has(key)) continue;
    const field = read(value, key);
    if (
      field === null ||
      typeof field === 'number' ||
      typeof field === 'boolean' ||
      typeof field === 'string'
    ) {
      fields ??= {};
      fields[cap(key, 100)] = typeof field === 'string' ? cap(field, 1_024) : field;
      if (++count >= MAX_FIELDS) break;
    }
  }
  return fields;
};

const describeObject = (value: object, seen: Set<object>, depth: number): DescribedError => {
  seen.add(value);
  const message = read(value, 'message');
  const described: DescribedError = {
    name: nameOf(value),
    message:
      typeof message === 'string'
        ? cap(message, MAX_MESSAGE_CHARS)
        : message === undefined
          ? ''
          : cap(safeString(message), MAX_MESSAGE_CHARS),
  };
  const stack = stringOf(read(value, 'stack'), MAX_STACK_CHARS);
  if (stack !== undefined) described.stack = stack;
  const code = read(value, 'code');
  if (typeof code === 'string' || typeof code === 'number') described.code = cap(String(code), 200);
  const statusCode = read(value, 'statusCode') ?? read(value, 'status');
  if (typeof statusCode === 'number') described.statusCode = statusCode;
  const fault = read(value, '$fault');
  if (typeof fault === 'string') described.fault = cap(fault, 50);
  const fields = fieldsOf(value);
  if (fields !== undefined) described.fields = fields;

  const cause = read(value, 'cause');
  if (cause !== undefined) described.cause = describeAt(cause, seen, depth + 1);
  const errors = read(value, 'errors');
  if (Array.isArray(errors) && errors.length > 0) {
    described.errors = errors
      .slice(0, MAX_AGGREGATE)
      .map((item: unknown) => describeAt(item, seen, depth + 1));
  }
  return described;
};

const describeAt = (value: unknown, seen: Set<object>, depth: number): DescribedError => {
  if (isObject(value)) {
    if (seen.has(value)) return { name: nameOf(value), message: '', circular: true };
    if (depth >= MAX_DEPTH) return { name: nameOf(value), message: '', truncated: true };
    return describeObject(value, seen, depth);
  }
  if (typeof value === 'function') return { name: 'function', message: nameOf(value) };
  if (value === undefined) return { name: 'undefined', message: '' };
  return { name: nameOf(value), message: cap(safeString(value), MAX_MESSAGE_CHARS) };
};

/** Describes any thrown value as plain, bounded, cycle-free data. Never throws. */
export const describeError = (value: unknown): DescribedError => {
  try {
    return describeAt(value, new Set(), 0);
  } catch {
    // A proxy can defeat even guarded reads (e.g. a trap on `has`); keep what is certain.
    return { name: typeof value, message: '' };
  }
};
