/**
 * The Powertools Router door. The event-handler `Router` catches every error its routes throw
 * and answers them itself (a bare 500 without ids, and in dev mode the stack): registered as its
 * error handler, this answers them by our contract as a Web `Response` instead.
 */

import type { ErrorNormalizerOptions } from '../core/options.js';
import { createCore } from '../normalizer.js';

/** The part of the Router's request context the handler reads. */
export interface RouterErrorContext {
  event: unknown;
  context: unknown;
}

/**
 * An error handler for the Powertools event-handler `Router`:
 * `app.errorHandler(Error, routerErrorHandler({ logger, tracer }))`. Every error a route throws,
 * and the Router's own route misses (404, 405), are answered by the contract, logged once,
 * traced and redacted; the Router's `HttpError`s keep their status and message.
 *
 * @throws TypeError at construction when an option is invalid.
 */
export const routerErrorHandler = (
  options: ErrorNormalizerOptions = {},
): ((error: Error, requestContext: RouterErrorContext) => Promise<Response>) => {
  // An error handler runs after the route did: too late to hold requests for maintenance.
  if (options.maintenance !== undefined && options.maintenance !== false) {
    throw new TypeError(
      'routerErrorHandler: "maintenance" cannot act from an error handler; wrap app.resolve with withErrorNormalizer({ maintenance }) instead',
    );
  }
  const core = createCore({ ...options, maintenance: false }, 'routerErrorHandler');
  return async (error, requestContext) => {
    await core.ready();
    const { event, context } = requestContext;
    const answer = core.answer(error, event, context);
    await core.settle(context);
    // The Router resolves HTTP events only; anything else goes back to it as it came.
    if (answer === undefined) throw error;
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
};
