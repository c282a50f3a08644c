/**
 * Turns any thrown value into plain, bounded, acyclic data that a logger can serialize.
 *
 * Thrown values are hostile by nature: getters that throw, proxies, frozen objects, circular
 * `cause` chains, megabyte messages. Every property read here goes through `read()`, every
 * string is redacted then capped, and the cause chain is walked with a visited set and a depth
 * bound, so describing an error can neither throw nor grow without limit.
 *
 * Redact first, cut after: a secret that straddles a cap would otherwise be logged in part. The
 * text is first bounded to a generous window (the cap plus {@link REDACTION_WINDOW}), so a 10 MB
 * message costs no more than a 12 KB one, then redacted, then cut to its cap.
 */

/**
 * Plain description of a thrown value, safe to serialize.
 * @example
 * ```ts
 * onIncident: (incident) => tracker.capture(incident.error.name, incident.error.message), // redacted
 * ```
 */
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
  /** Set when the chain was cut here: at its depth bound, or past the description's size budget. */
  truncated?: true;
}

import { jsonBytes } from './json-bytes.js';
import { isObject, read, safeString } from './read.js';
import { REDACTED } from './redact/marks.js';

/** How `describeError()` redacts each string before it cuts it. */
export interface DescribeRedaction {
  /** Redacts any text (message, name, code, field keys and values). */
  text(text: string): string;
  /** Redacts a stack trace. */
  stack(stack: string): string;
  /** Whether a field of this name holds a secret (its value is replaced whole). */
  secretKey(key: string): boolean;
}

/** Characters read beyond a cap, so a secret that starts before the cap is seen whole. */
export const REDACTION_WINDOW = 4_096;

const NO_REDACTION: DescribeRedaction = {
  text: (text) => text,
  stack: (stack) => stack,
  secretKey: () => false,
};

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

const cutNote = (more: number): string => `… [${more} more characters]`;

/**
 * `raw` redacted, then cut to `max` characters, saying how many were cut. Bounded to a window
 * first, so the redaction costs at most the window. With `within`, the note counts in `max`
 * (the client message's promise); without, it comes after (the log's).
 * @param raw - The text.
 * @param max - The cap.
 * @param redact - The redaction applied before the cut.
 * @param within - Whether the note of the cut counts in `max`.
 * @returns The redacted, capped text.
 */
export const redactThenCap = (
  raw: string,
  max: number,
  redact: (text: string) => string,
  within = false,
): string => {
  const window = max + REDACTION_WINDOW;
  const windowed = raw.length > window ? raw.slice(0, window) : raw;
  const safe = redact(windowed);
  const dropped = raw.length - windowed.length;
  if (safe.length <= max && dropped === 0) return safe;
  let keep = Math.min(max, safe.length);
  // The note's length depends on the count it shows: settle both (two rounds at most).
  for (let round = 0; within && round < 3; round++) {
    keep = Math.max(0, Math.min(safe.length, max - cutNote(safe.length - keep + dropped).length));
  }
  // Never between the two halves of a surrogate pair: a lone half is no character.
  if (keep > 0 && isHighSurrogate(safe.charCodeAt(keep - 1))) keep -= 1;
  return `${safe.slice(0, keep)}${cutNote(safe.length - keep + dropped)}`;
};

export const MAX_MESSAGE_CHARS = 8_192;
export const MAX_STACK_CHARS = 16_384;
const MAX_DEPTH = 8;
const MAX_AGGREGATE = 5;
const MAX_FIELDS = 20;

/** Properties handled explicitly, or noise that is never worth logging. */
const SKIPPED_FIELDS: ReadonlySet<string> = new Set([
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

/**
 * The bytes of JSON text one description may hold in all. Each error is bounded on its own, but
 * a chain of causes and aggregates multiplies them (five members of five members...): past this
 * budget, what is left of the chain is marked `truncated` and a string not yet written is left
 * at its cut note, so one log line stays under CloudWatch's event size (256 KB in Lambda's own
 * quotas) whatever the characters: the last string written may cost at most six bytes a
 * character (a control character's `\u0001`), which the budget leaves room for.
 */
export const MAX_DESCRIBED_BYTES = 98_304;

/** One walk: its visited set, its redaction and the bytes it may still write. */
interface Walk {
  seen: Set<object>;
  redaction: DescribeRedaction;
  left: number;
}

const spent = (walk: Walk, text: string): string => {
  walk.left -= jsonBytes(text);
  return text;
};

const textOf = (walk: Walk, raw: string, max: number): string =>
  walk.left <= 0 ? cutNote(raw.length) : spent(walk, redactThenCap(raw, max, walk.redaction.text));

/** A name, written whatever the budget: short, and what groups and tells errors apart. */
const nameText = (walk: Walk, raw: string): string =>
  spent(walk, redactThenCap(raw, 200, walk.redaction.text));

const nameOf = (value: unknown, walk: Walk): string => {
  if (value === null) return 'null';
  if (typeof value !== 'object' && typeof value !== 'function') return typeof value;
  const own = read(value, 'name');
  if (typeof own === 'string' && own.length > 0) return nameText(walk, own);
  const ctor = read(read(value, 'constructor'), 'name');
  return typeof ctor === 'string' && ctor.length > 0 ? nameText(walk, ctor) : 'object';
};

/** A number as the text rules judge its digits: a card number is a secret as a number too. */
const numberField = (walk: Walk, field: number): number | string => {
  const digits = String(field);
  const shown = walk.redaction.text(digits);
  return shown === digits ? field : shown;
};

const fieldsOf = (value: object, walk: Walk): DescribedError['fields'] => {
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
      // A secret can be a key too (`{ [token]: true }`): the key is redacted like any text.
      fields[textOf(walk, key, 100)] = walk.redaction.secretKey(key)
        ? REDACTED
        : typeof field === 'string'
          ? textOf(walk, field, 1_024)
          : typeof field === 'number'
            ? numberField(walk, field)
            : field;
      if (++count >= MAX_FIELDS) break;
    }
  }
  return fields;
};

const describeObject = (value: object, walk: Walk, depth: number): DescribedError => {
  walk.seen.add(value);
  const message = read(value, 'message');
  const described: DescribedError = {
    name: nameOf(value, walk),
    message:
      typeof message === 'string'
        ? textOf(walk, message, MAX_MESSAGE_CHARS)
        : message === undefined
          ? ''
          : textOf(walk, safeString(message), MAX_MESSAGE_CHARS),
  };
  const stack = read(value, 'stack');
  if (typeof stack === 'string') {
    described.stack =
      walk.left <= 0
        ? cutNote(stack.length)
        : spent(walk, redactThenCap(stack, MAX_STACK_CHARS, walk.redaction.stack));
  }
  const code = read(value, 'code');
  if (typeof code === 'string' || typeof code === 'number') {
    described.code = textOf(walk, String(code), 200);
  }
  const statusCode = read(value, 'statusCode') ?? read(value, 'status');
  if (typeof statusCode === 'number') described.statusCode = statusCode;
  const fault = read(value, '$fault');
  if (typeof fault === 'string') described.fault = textOf(walk, fault, 50);
  const fields = fieldsOf(value, walk);
  if (fields !== undefined) described.fields = fields;

  // Past the budget, the chain stops here: its parent says so, and no child is described.
  const cause = read(value, 'cause');
  if (cause !== undefined) {
    if (walk.left > 0) described.cause = describeAt(cause, walk, depth + 1);
    else described.truncated = true;
  }
  const errors = read(value, 'errors');
  if (Array.isArray(errors) && errors.length > 0) {
    const members: DescribedError[] = [];
    for (const item of errors.slice(0, MAX_AGGREGATE)) {
      if (walk.left <= 0) {
        described.truncated = true;
        break;
      }
      members.push(describeAt(item, walk, depth + 1));
    }
    if (members.length > 0) described.errors = members;
  }
  return described;
};

/** What one described error costs in JSON besides its strings (`{"name":"","message":""},`). */
const NODE_BYTES = 32;

const describeAt = (value: unknown, walk: Walk, depth: number): DescribedError => {
  walk.left -= NODE_BYTES;
  if (isObject(value)) {
    if (walk.seen.has(value)) return { name: nameOf(value, walk), message: '', circular: true };
    if (depth >= MAX_DEPTH) return { name: nameOf(value, walk), message: '', truncated: true };
    return describeObject(value, walk, depth);
  }
  if (typeof value === 'function') return { name: 'function', message: nameOf(value, walk) };
  if (value === undefined) return { name: 'undefined', message: '' };
  return { name: nameOf(value, walk), message: textOf(walk, safeString(value), MAX_MESSAGE_CHARS) };
};

/**
 * Describes any thrown value as plain, bounded, cycle-free data, every string redacted by
 * `redaction` before it is cut. Never throws.
 * @param value - The thrown value, whatever it is.
 * @param redaction - The redactor (from `compileRedaction()`); default: none.
 * @returns The description.
 */
export const describeError = (
  value: unknown,
  redaction: DescribeRedaction = NO_REDACTION,
): DescribedError => {
  try {
    return describeAt(value, { seen: new Set(), redaction, left: MAX_DESCRIBED_BYTES }, 0);
  } catch {
    // A proxy can defeat even guarded reads (e.g. a trap on `has`); keep what is certain.
    return { name: typeof value, message: '' };
  }
};
