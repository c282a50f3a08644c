/**
 * Thrown value -> HTTP status, stable error code, and whether its own message may be shown.
 *
 * The table is an ordered list of rules (the built-in ones live in `default-rules.ts`); the
 * first rule that returns a classification wins, and anything no rule claims is a 500. A rule
 * that throws or answers outside 400-599 is skipped and noted, never trusted.
 */

import { read } from './read.js';
import { statusText } from './status-text.js';

/**
 * What a rule decides about a thrown value.
 * @example
 * ```ts
 * const paymentRequired: ErrorClassification = { status: 402, code: 'payment_required', expose: true };
 * ```
 */
export interface ErrorClassification {
  /** HTTP status of the response, 400 to 599. */
  status: number;
  /** Stable snake_case code for the body's `error` field. Default: derived from `status`. */
  code?: string;
  /**
   * Whether the thrown value's own `message` may be sent to the client.
   * Default: `true` for 4xx, `false` for 5xx (a generic text is sent instead).
   */
  expose?: boolean;
  /** A safe message to send instead of the error's own or the generic one. */
  message?: string;
  /** Seconds for a `Retry-After` header (429 and 503 answers). */
  retryAfter?: number;
}

/**
 * A classification rule: returns a classification for the values it recognizes and
 * `undefined` for the rest. Rules are tried in order; a rule that throws is skipped.
 * @example
 * ```ts
 * const quotaRule: ErrorRule = (e) => (e instanceof QuotaError ? { status: 429, retryAfter: 60 } : undefined);
 * ```
 */
export type ErrorRule = (error: unknown) => ErrorClassification | undefined;

/** Longest code a rule may choose; a longer one is replaced by the status's own. */
const MAX_CODE_CHARS = 100;

/** The fully resolved classification used to answer. */
export interface Classification {
  status: number;
  code: string;
  expose: boolean;
  message?: string;
  retryAfter?: number;
}

/**
 * `not_found` for 404; `client_error` / `server_error` for codes Node does not name.
 * @param status - an HTTP status, 400 to 599.
 * @returns the snake_case code of the answer.
 * @example
 * ```ts
 * codeForStatus(404); // 'not_found'; 499 gives 'client_error'
 * ```
 */
export const codeForStatus = (status: number): string => {
  const text = statusText(status);
  if (text === undefined) return status < 500 ? 'client_error' : 'server_error';
  return text
    .toLowerCase()
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
};

/** Whether `value` is a status a rule may answer: an integer from 400 to 599. */
export const isHttpStatus = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 400 && value <= 599;

const INTERNAL: Readonly<Classification> = {
  status: 500,
  code: 'internal_server_error',
  expose: false,
};

/**
 * Longest `Retry-After` answered: one day. A client told to wait longer learns nothing it
 * would not learn by asking again tomorrow (a later answer carries the time then left), and
 * some clients and caches mishandle huge or exponent-form values (`1e+21`).
 */
export const MAX_RETRY_AFTER_SECONDS = 86_400;

/**
 * A `Retry-After` value as the header must carry it: whole seconds from 0 to
 * {@link MAX_RETRY_AFTER_SECONDS}, fractions rounded up, larger values (`Infinity` included)
 * cut to the maximum.
 *
 * @param value - what a rule, an option or a maintenance window asks for.
 * @returns the bounded integer, or `undefined` for anything that is not a number >= 0 (`NaN`,
 *   `-1`, a string...).
 */
export const retryAfterSeconds = (value: unknown): number | undefined => {
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) return undefined;
  return Math.min(Math.ceil(value), MAX_RETRY_AFTER_SECONDS);
};

/** What went wrong while classifying, for the report (a rule that threw, a bad status). */
export type ClassifyProblem = { rule: number; reason: string };

/** `undefined`: the rule passed; `null`: its answer is unusable. */
const resolve = (
  answer: ErrorClassification | undefined,
  defaultRetryAfter: number,
): Classification | undefined | null => {
  if (answer === undefined || answer === null) return undefined;
  if (typeof answer !== 'object' || !isHttpStatus(answer.status)) return null;
  const { status, code, expose, message, retryAfter } = answer;
  const resolved: Classification = {
    status,
    // A code reaches the body, the log, a metric dimension: a short word or the status's own.
    code:
      typeof code === 'string' && code.length > 0 && code.length <= MAX_CODE_CHARS
        ? code
        : codeForStatus(status),
    expose: typeof expose === 'boolean' ? expose : status < 500,
  };
  if (typeof message === 'string') resolved.message = message;
  const seconds = retryAfterSeconds(retryAfter);
  if (seconds !== undefined) resolved.retryAfter = seconds;
  else if (status === 503 || status === 429) resolved.retryAfter = defaultRetryAfter;
  return resolved;
};

/**
 * Runs the rules in order and resolves the first answer. Never throws: a throwing rule or an
 * answer outside 400-599 is skipped and recorded in `problems`.
 */
export const classify = (
  error: unknown,
  rules: readonly ErrorRule[],
  defaultRetryAfter: number,
  problems: ClassifyProblem[] = [],
): Classification => {
  for (let index = 0; index < rules.length; index++) {
    try {
      const resolved = resolve((rules[index] as ErrorRule)(error), defaultRetryAfter);
      if (resolved === undefined) continue;
      if (resolved === null) {
        problems.push({ rule: index, reason: 'rule returned a status outside 400-599' });
        continue;
      }
      return resolved;
    } catch (ruleError) {
      problems.push({ rule: index, reason: `rule threw: ${String(read(ruleError, 'message'))}` });
    }
  }
  return INTERNAL;
};
