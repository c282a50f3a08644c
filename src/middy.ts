/**
 * `lambda-error-normalizer/middy`: the Middy door alone. Its types name no peer; `@middy/core`
 * is the app's own.
 *
 * @example
 * ```ts
 * import middy from '@middy/core';
 * import { Logger } from '@aws-lambda-powertools/logger';
 * import { errorNormalizer } from 'lambda-error-normalizer/middy';
 *
 * const logger = new Logger();
 * export const handler = middy(async () => {
 *   throw new Error('boom');
 * }).use(errorNormalizer({ logger }));
 * ```
 * @packageDocumentation
 */
export type { ErrorNormalizerOptions } from './core/options.js';
export { errorNormalizer, type MiddyErrorNormalizerOptions } from './doors/middy.js';
export type {
  LambdaContext,
  MiddyMiddleware,
  MiddyRequest,
  StreamGuard,
} from './doors/types.js';
