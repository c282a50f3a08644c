/**
 * The built-in classification rules, in the order `defaultRules` tries them. Rules get the raw
 * thrown value and must not trust it: they read it through `read()`, which survives throwing
 * getters and proxies, and walk its `cause` chain through `someInChain`.
 */

import { type ErrorRule, isHttpStatus } from './classify.js';
import { someInChain } from './error-chain.js';
import { read } from './read.js';

const stringProp = (value: unknown, key: string): string | undefined => {
  const prop = read(value, key);
  return typeof prop === 'string' ? prop : undefined;
};

/** Names of HTTP clients' errors for a response that failed: got and ky, ofetch. */
const HTTP_CLIENT_ERRORS: ReadonlySet<string> = new Set(['HTTPError', 'FetchError']);

/**
 * The status of the upstream's answer an error carries: the AWS SDK v3's `$metadata`, or the
 * `response` of an HTTP client's error (axios `isAxiosError`, got and ky `HTTPError`, ofetch
 * `FetchError`). Only these shapes: a `response` on any other error is nobody's promise.
 */
const upstreamStatus = (value: unknown): number | undefined => {
  const sdk = read(read(value, '$metadata'), 'httpStatusCode');
  if (typeof sdk === 'number') return sdk;
  if (
    read(value, 'isAxiosError') !== true &&
    !HTTP_CLIENT_ERRORS.has(stringProp(value, 'name') ?? '')
  ) {
    return undefined;
  }
  const response = read(value, 'response');
  const status = read(response, 'status') ?? read(response, 'statusCode');
  return typeof status === 'number' ? status : undefined;
};

/**
 * `http-errors` and `@middy/util`'s `createError`: a 4xx/5xx `statusCode` (or `status`) and a
 * boolean `expose`. Requiring `expose` keeps errors of HTTP clients (which carry the upstream's
 * status but no `expose`) from turning an upstream 404 into ours.
 * @param error - the thrown value.
 * @returns its status and `expose`, or `undefined`.
 * @example
 * ```ts
 * httpErrorRule(createError(404, 'No widget')); // { status: 404, expose: true }
 * ```
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
 * @param error - the thrown value.
 * @returns its status, or `undefined`.
 * @example
 * ```ts
 * routerHttpErrorRule(new NotFoundError('No route')); // { status: 404 }
 * ```
 */
export const routerHttpErrorRule: ErrorRule = (error) => {
  if (typeof read(error, 'errorType') !== 'string') return undefined;
  if (typeof read(error, 'toWebResponse') !== 'function') return undefined;
  const status = read(error, 'statusCode');
  return isHttpStatus(status) ? { status } : undefined;
};

const NOT_IMPLEMENTED_CODES: ReadonlySet<string> = new Set([
  'ERR_METHOD_NOT_IMPLEMENTED',
  'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM',
]);

/**
 * What is not built: an error named `NotImplementedError` (ours, or any library's), or Node's
 * `ERR_METHOD_NOT_IMPLEMENTED` / `ERR_FEATURE_UNAVAILABLE_ON_PLATFORM`: 501. Only the thrown value
 * itself counts: a dependency's missing feature deep in a cause chain is our failure, not a 501.
 * @param error - the thrown value.
 * @returns `{ status: 501 }`, or `undefined`.
 * @example
 * ```ts
 * notImplementedRule(new NotImplementedError()); // { status: 501 }
 * ```
 */
export const notImplementedRule: ErrorRule = (error) =>
  stringProp(error, 'name') === 'NotImplementedError' ||
  NOT_IMPLEMENTED_CODES.has(stringProp(error, 'code') ?? '')
    ? { status: 501 }
    : undefined;

const TIMEOUT_NAMES: ReadonlySet<string> = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);
const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * Middy's `TimeoutError` (deadline reached), `AbortSignal.timeout()`, socket timeouts, an
 * HTTP client's timeout (axios `ECONNABORTED`, got `ETIMEDOUT`): 504.
 * @param error - the thrown value.
 * @returns `{ status: 504 }`, or `undefined`.
 * @example
 * ```ts
 * timeoutRule(Object.assign(new Error('deadline'), { name: 'TimeoutError' })); // { status: 504 }
 * ```
 */
export const timeoutRule: ErrorRule = (error) =>
  someInChain(
    error,
    (link) =>
      TIMEOUT_NAMES.has(stringProp(link, 'name') ?? '') ||
      TIMEOUT_CODES.has(stringProp(link, 'code') ?? '') ||
      // axios says its own timeout with ECONNABORTED (ETIMEDOUT with `clarifyTimeoutError`).
      (read(link, 'isAxiosError') === true && stringProp(link, 'code') === 'ECONNABORTED'),
  )
    ? { status: 504 }
    : undefined;

/** The AWS SDK's own list of throttling error codes (`@smithy/service-error-classification`). */
const THROTTLING_NAMES: ReadonlySet<string> = new Set([
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

/**
 * AWS SDK v3 throttling (`$retryable.throttling`, a throttling name), or an upstream 429 (the
 * SDK's, or an HTTP client's: axios, got, ky, ofetch): 503.
 * @param error - the thrown value.
 * @returns `{ status: 503 }`, or `undefined`.
 * @example
 * ```ts
 * throttlingRule(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' })); // { status: 503 }
 * ```
 */
export const throttlingRule: ErrorRule = (error) =>
  someInChain(
    error,
    (link) =>
      read(read(link, '$retryable'), 'throttling') === true ||
      THROTTLING_NAMES.has(stringProp(link, 'name') ?? '') ||
      THROTTLING_NAMES.has(stringProp(link, 'code') ?? '') ||
      upstreamStatus(link) === 429,
  )
    ? { status: 503 }
    : undefined;

const UPSTREAM_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
]);

/**
 * A dependency that refused, dropped or failed the call (socket errors, SDK server faults, an
 * upstream 5xx through the SDK or an HTTP client: axios, got, ky, ofetch): 502.
 * @param error - the thrown value.
 * @returns `{ status: 502 }`, or `undefined`.
 * @example
 * ```ts
 * upstreamRule(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })); // { status: 502 }
 * ```
 */
export const upstreamRule: ErrorRule = (error) =>
  someInChain(error, (link) => {
    if (UPSTREAM_CODES.has(stringProp(link, 'code') ?? '')) return true;
    if (read(link, '$fault') === 'server') return true;
    const status = upstreamStatus(link);
    return status !== undefined && status >= 500;
  })
    ? { status: 502 }
    : undefined;

/**
 * The default rule table, in order: HTTP errors (ours and the Router's) keep their status; then
 * not implemented (501), timeouts (504), throttling (503), upstream failures (502). Anything
 * else is a 500. Extend it with `rules: [myRule, ...defaultRules]`.
 * @example
 * ```ts
 * errorNormalizer({ logger, rules: [quotaRule, ...defaultRules] }); // yours first
 * ```
 */
export const defaultRules: readonly ErrorRule[] = Object.freeze([
  httpErrorRule,
  routerHttpErrorRule,
  notImplementedRule,
  timeoutRule,
  throttlingRule,
  upstreamRule,
]);
