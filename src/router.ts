/**
 * `lambda-error-normalizer/router`: the Powertools event-handler Router door alone.
 *
 * @example
 * ```ts
 * import { Router } from '@aws-lambda-powertools/event-handler/http';
 * import { Logger } from '@aws-lambda-powertools/logger';
 * import { routerErrorHandler } from 'lambda-error-normalizer/router';
 *
 * const app = new Router();
 * app.errorHandler(Error, routerErrorHandler({ logger: new Logger() }));
 * ```
 * @packageDocumentation
 */
export type { ErrorNormalizerOptions } from './core/options.js';
export { type RouterErrorContext, routerErrorHandler } from './doors/router.js';
