/**
 * `lambda-error-normalizer/wrap`: the plain-handler door alone, for a handler without Middy.
 *
 * @example
 * ```ts
 * import { Logger } from '@aws-lambda-powertools/logger';
 * import { withErrorNormalizer } from 'lambda-error-normalizer/wrap';
 *
 * export const handler = withErrorNormalizer(
 *   async () => ({ statusCode: 200, body: 'ok' }),
 *   { logger: new Logger() },
 * );
 * ```
 * @packageDocumentation
 */
export type { ErrorNormalizerOptions } from './core/options.js';
export type { LambdaContext } from './doors/types.js';
export { type AsyncHandler, withErrorNormalizer } from './doors/wrap.js';
