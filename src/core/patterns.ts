/**
 * Text patterns more than one module needs, in one home: a UUID (Lambda request ids, problem
 * `instance` URNs, the variable parts of a message).
 */

/** The source of a UUID pattern, unanchored, for composing into other expressions. */
export const UUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

const UUID = new RegExp(`^${UUID_SOURCE}$`, 'i');

/** Whether `value` is exactly one UUID (any case). */
export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && UUID.test(value);
