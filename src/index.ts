/**
 * lambda-error-normalizer: every uncaught error of an HTTP Lambda becomes a sanitized, stable
 * JSON response that carries the X-Ray trace id and the request id, logged once and traced.
 * One core, three doors: a Middy middleware, a Powertools Router error handler, and a wrapper
 * for plain handlers.
 *
 * @example
 * ```ts
 * import middy from '@middy/core';
 * import { Logger } from '@aws-lambda-powertools/logger';
 * import { Tracer } from '@aws-lambda-powertools/tracer';
 * import { errorNormalizer } from 'lambda-error-normalizer';
 *
 * const logger = new Logger();
 * const tracer = new Tracer();
 * export const handler = middy(async () => { throw new Error('boom'); })
 *   .use(errorNormalizer({ logger, tracer }));
 * ```
 * @packageDocumentation
 */
export {
  codeForStatus,
  defaultRules,
  type ErrorClassification,
  type ErrorRule,
  httpErrorRule,
  notImplementedRule,
  routerHttpErrorRule,
  throttlingRule,
  timeoutRule,
  upstreamRule,
} from './classify.js';
export type { DescribedError } from './describe-error.js';
export { ERROR_METRIC } from './error-metric.js';
export type { EventSource } from './event-source.js';
export { MAINTENANCE_ENV } from './maintenance.js';
export { errorNormalizer } from './middleware.js';
export { NotImplementedError, type NotImplementedErrorOptions } from './not-implemented.js';
export type { ErrorNormalizerOptions } from './options.js';
export type { RedactionOptions, RedactionPattern } from './redact.js';
export type { ErrorLogger, ErrorMetrics, ErrorTracer } from './report-types.js';
export type { ErrorResponseBody, HttpErrorResult, ProblemDetailsBody } from './respond.js';
export { type RouterErrorContext, routerErrorHandler } from './router.js';
export { isTraceId } from './trace-id.js';
export { type AsyncHandler, withErrorNormalizer } from './wrap.js';
