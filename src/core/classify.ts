/**
 * Thrown value -> HTTP status, stable error code, and whether its own message may be shown.
 *
 * The table is an ordered list of rules; the first rule that returns a classification wins,
 * and anything no rule claims is a 500. Rules get the raw thrown value and must not trust it:
 * the helpers here read it through `read()`, which survives throwing getters and proxies.
 */

import { someInChain } from './error-chain.js';
import { read } from './read.js';
import { statusText } from './status-text.js';

/** What a rule decides about a thrown value. */
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

const stringProp = (value: unknown, key: string): string | undefined => {
  const prop = read(value, key);
  return typeof prop === 'string' ? prop : undefined;
};

const sdkHttpStatus = (value: unknown): number | undefined => {
  const status = read(read(value, '$metadata'), 'httpStatusCode');
  return typeof status === 'number' ? status : undefined;
};

/** `not_found` for 404; `client_error` / `server_error` for codes Node does not name. */
export const codeForStatus = (status: number): string => {
  const text = statusText(status);
  if (text === undefined) return status < 500 ? 'client_error' : 'server_error';
  return text
    .toLowerCase()
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
};

const isHttpStatus = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 400 && value <= 599;

/**
 * `http-errors` and `@middy/util`'s `createError`: a 4xx/5xx `statusCode` (or `status`) and a
 * boolean `expose`. Requiring `expose` keeps errors of HTTP clients (which carry the upstream's
 * status but no `expose`) from turning an upstream 404 into ours.
 */
export const httpErrorRule: ErrorRule = (error) => {
  const expose = read(error, 'expose');
  if (typeof expose !== 'boolean') return undefined;
  const status = read(error, 'statusCode') ?? read(error, 'status');
  if (!isHttpStatus(status)) return undefined;
  return { status, expose };
};

/**
 * The Powertools event-handler Router's `HttpError`s (`NotFoundError`, `BadRequestError`,
 * `MethodNotAllowedError`...): a 4xx/5xx `statusCode`, an `errorType` and `toWebResponse()`,
 * but no `expose`. They are the Router's own answers to the client, so they keep their status;
 * messages follow the usual default (4xx shown, 5xx generic).
 */
export const routerHttpErrorRule: ErrorRule = (error) => {
  if (typeof read(error, 'errorType') !== 'string') return undefined;
  if (typeof read(error, 'toWebResponse') !== 'function') return undefined;
  const status = read(error, 'statusCode');
  return isHttpStatus(status) ? { status } : undefined;
};

const NOT_IMPLEMENTED_CODES = new Set([
  'ERR_METHOD_NOT_IMPLEMENTED',
  'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM',
]);

/**
 * What is not built: an error named `NotImplementedError` (ours, or any library's), or Node's
 * `ERR_METHOD_NOT_IMPLEMENTED` / `ERR_FEATURE_UNAVAILABLE_ON_PLATFORM`: 501. Only the thrown value
 * itself counts: a dependency's missing feature deep in a cause chain is our failure, not a 501.
 */
export const notImplementedRule: ErrorRule = (error) =>
  stringProp(error, 'name') === 'NotImplementedError' ||
  NOT_IMPLEMENTED_CODES.has(stringProp(error, 'code') ?? '')
    ? { status: 501 }
    : undefined;

const TIMEOUT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** Middy's `TimeoutError` (deadline reached), `AbortSignal.timeout()`, socket timeouts: 504. */
export const timeoutRule: ErrorRule = (error) =>
  someInChain(
    error,
    (link) =>
      TIMEOUT_NAMES.has(stringProp(link, 'name') ?? '') ||
      TIMEOUT_CODES.has(stringProp(link, 'code') ?? ''),
  )
    ? { status: 504 }
    : undefined;

/** The AWS SDK's own list of throttling error codes (`@smithy/service-error-classification`). */
const THROTTLING_NAMES = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);

/** AWS SDK v3 throttling (`$retryable.throttling`, a throttling name, or an upstream 429): 503. */
export const throttlingRule: ErrorRule = (error) =>
  someInChain(
    error,
    (link) =>
      read(read(link, '$retryable'), 'throttling') === true ||
      THROTTLING_NAMES.has(stringProp(link, 'name') ?? '') ||
      THROTTLING_NAMES.has(stringProp(link, 'code') ?? '') ||
      sdkHttpStatus(link) === 429,
  )
    ? { status: 503 }
    : undefined;

const UPSTREAM_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
]);

/** A dependency that refused, dropped or failed the call (socket errors, SDK server faults): 502. */
export const upstreamRule: ErrorRule = (error) =>
  someInChain(error, (link) => {
    if (UPSTREAM_CODES.has(stringProp(link, 'code') ?? '')) return true;
    if (read(link, '$fault') === 'server') return true;
    const status = sdkHttpStatus(link);
    return status !== undefined && status >= 500;
  })
    ? { status: 502 }
    : undefined;

/**
 * The default rule table, in order: HTTP errors (ours and the Router's) keep their status; then
 * not implemented (501), timeouts (504), throttling (503), upstream failures (502). Anything
 * else is a 500. Extend it with `rules: [myRule, ...defaultRules]`.
 */
export const defaultRules: readonly ErrorRule[] = Object.freeze([
  httpErrorRule,
  routerHttpErrorRule,
  notImplementedRule,
  timeoutRule,
  throttlingRule,
  upstreamRule,
]);

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
