/**
 * `lambda-error-normalizer/router`: the Powertools event-handler Router door alone.
 *
 * @example
 * ```ts
 * import { Router } from '@aws-lambda-powertools/event-handler/http';
 * import { Logger } from '@aws-lambda-powertools/logger';
 * import { routerErrorHandler } from 'lambda-error-normalizer/router';
 *
 * const errors = routerErrorHandler({ logger: new Logger() });
 * const app = new Router({ logger: errors.logger }); // the Router's own lines, redacted
 * app.errorHandler(Error, errors);
 * app.use(errors.middleware);
 * ```
 * @packageDocumentation
 */
export type { ErrorNormalizerOptions } from './core/options.js';
export {
  type RouterErrorContext,
  type RouterErrorHandler,
  type RouterErrorHandlerOptions,
  type RouterMiddleware,
  type RouterResponseSoFar,
  routerErrorHandler,
} from './doors/router.js';
export type { RouterLogger } from './doors/router-logger.js';
