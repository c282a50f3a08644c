/**
 * `lambda-error-normalizer/problem-details`: RFC 9457 `application/problem+json` answers for
 * the clients whose `Accept` prefers them. Opt-in: without it, every answer is the JSON
 * contract and the `Accept` parser is not bundled.
 *
 * @example
 * ```ts
 * import middy from '@middy/core';
 * import { Logger } from '@aws-lambda-powertools/logger';
 * import { errorNormalizer } from 'lambda-error-normalizer';
 * import { problemDetails } from 'lambda-error-normalizer/problem-details';
 *
 * const logger = new Logger();
 * export const handler = middy(async () => {
 *   throw new Error('boom');
 * }).use(errorNormalizer({ logger, problemDetails: problemDetails() }));
 * ```
 * @packageDocumentation
 */
export { type ProblemDetailsBody, problemDetails } from './core/problem-details.js';
export type { ErrorBodyFormat } from './core/respond.js';
