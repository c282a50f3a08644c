/**
 * lambda-error-normalizer: every uncaught error of an HTTP Lambda becomes a sanitized, stable
 * JSON response that carries the X-Ray trace id and the request id, logged once and traced.
 * One core, three doors: a Middy middleware, a Powertools Router error handler, and a wrapper
 * for plain handlers. The optional features are their own entry points, so a handler bundles
 * only those it uses: `/opentelemetry`, `/maintenance`, `/problem-details`, `/streaming`.
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
export { codeForStatus, type ErrorClassification, type ErrorRule } from './core/classify.js';
export {
  defaultRules,
  httpErrorRule,
  notImplementedRule,
  routerHttpErrorRule,
  throttlingRule,
  timeoutRule,
  upstreamRule,
} from './core/default-rules.js';
export type { DescribedError } from './core/describe-error.js';
export type { HttpEventSource } from './core/event-source.js';
export {
  type CustomFingerprint,
  DEFAULT_FINGERPRINT,
  FINGERPRINT_VERSION,
} from './core/fingerprint.js';
export type { MaintenanceWindow, OpenMaintenance } from './core/maintenance.js';
export { NotImplementedError, type NotImplementedErrorOptions } from './core/not-implemented.js';
export type { ErrorNormalizerOptions } from './core/options.js';
export type { RedactionOptions, RedactionPattern } from './core/redact/index.js';
export type { ErrorBodyFormat, ErrorResponseBody, HttpErrorResult } from './core/respond.js';
export { isTraceId } from './core/trace-id.js';
export { errorNormalizer, type MiddyErrorNormalizerOptions } from './doors/middy.js';
export {
  type RouterErrorContext,
  type RouterErrorHandler,
  type RouterErrorHandlerOptions,
  type RouterMiddleware,
  type RouterResponseSoFar,
  routerErrorHandler,
} from './doors/router.js';
export type { RouterLogger } from './doors/router-logger.js';
export type {
  LambdaContext,
  MiddyMiddleware,
  MiddyRequest,
  StreamGuard,
} from './doors/types.js';
export { type AsyncHandler, withErrorNormalizer } from './doors/wrap.js';
export { ERROR_METRIC } from './report/metrics.js';
export type { IncidentHook } from './report/on-incident.js';
export type {
  ErrorLogger,
  ErrorMetrics,
  ErrorSpanReporter,
  ErrorTracer,
  ErrorTraceSegment,
  Incident,
} from './report/types.js';
