/**
 * lambda-error-normalizer: every uncaught error of an HTTP Lambda becomes a sanitized, stable
 * JSON response that carries the X-Ray trace id and the request id, logged once and traced.
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
  throttlingRule,
  timeoutRule,
  upstreamRule,
} from './classify.js';
export type { DescribedError } from './describe-error.js';
export type { EventSource } from './event-source.js';
export { type ErrorNormalizerOptions, errorNormalizer } from './middleware.js';
export type { RedactionOptions, RedactionPattern } from './redact.js';
export type { ErrorLogger, ErrorTracer } from './report.js';
export type { ErrorResponseBody, ProblemDetailsBody } from './respond.js';
export { isTraceId } from './trace-id.js';
