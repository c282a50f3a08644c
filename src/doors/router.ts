/**
 * The Powertools Router door. The event-handler `Router` catches every error its routes throw
 * and answers them itself (a bare 500 without ids, and in dev mode the stack): registered as its
 * error handler, this answers them by our contract as a Web `Response` instead. The Router
 * finds error handlers by `Error` class, so a thrown string, plain object or `undefined` never
 * reaches one: the handler's `middleware`, registered with `app.use`, wraps those in an Error
 * the handler unwraps.
 */

import type { ErrorNormalizerOptions } from '../core/options.js';
import { isError } from '../core/read.js';
import { createCore } from '../normalizer.js';
import { type RouterLogger, redactingRouterLogger } from './router-logger.js';

/**
 * The part of the Router's request context the handler reads.
 * @example
 * ```ts
 * app.errorHandler(Error, (error, requestContext: RouterErrorContext) => errors(error, requestContext));
 * ```
 */
export interface RouterErrorContext {
  /** The Lambda event the Router resolved. */
  event: unknown;
  /** The Lambda context. */
  context: unknown;
  /**
   * The Router's response so far, whose headers its middlewares (`cors()`) have set; the
   * answer's headers replace same-named ones, so the CORS expose list is merged into ours.
   */
  res?: RouterResponseSoFar;
}

/**
 * The part of the Router's pending `Response` the handler reads (a Web `Response` fits).
 * @example
 * ```ts
 * const soFar: RouterResponseSoFar = new Response(null, { headers: { 'access-control-expose-headers': 'X-Custom' } });
 * ```
 */
export interface RouterResponseSoFar {
  /** Its headers so far. */
  headers?: {
    /**
     * A header's value, or `null`.
     * @param name - The header name, any case.
     */
    get(name: string): string | null;
  };
}

const EXPOSE = 'Access-Control-Expose-Headers';

/** The names of `earlier` and then of `ours`, each once (case aside): a CORS list merged. */
const mergedList = (earlier: string, ours: string): string => {
  const names = earlier
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const seen = new Set(names.map((name) => name.toLowerCase()));
  for (const name of ours.split(',').map((part) => part.trim())) {
    if (!seen.has(name.toLowerCase())) names.push(name);
  }
  return names.join(', ');
};

/** The expose list the Router's `cors()` middleware set, or `undefined`. */
const exposedBefore = (requestContext: RouterErrorContext): string | undefined => {
  try {
    const value = requestContext.res?.headers?.get(EXPOSE);
    return typeof value === 'string' && value !== '' ? value : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The options of {@link routerErrorHandler}: those of every door but `maintenance`. An error
 * handler runs after the route, too late to hold requests; wrap `app.resolve` with
 * `withErrorNormalizer(resolve, { maintenance: maintenance() })` instead.
 * @example
 * ```ts
 * const options: RouterErrorHandlerOptions = { logger, tracer }; // no maintenance: see above
 * ```
 */
export type RouterErrorHandlerOptions = Omit<ErrorNormalizerOptions, 'maintenance'>;

/**
 * A Router middleware (`app.use(...)`), in the structural shape the Router calls.
 * @example
 * ```ts
 * app.use(routerErrorHandler({ logger }).middleware); // a RouterMiddleware
 * ```
 */
export type RouterMiddleware = (args: {
  reqCtx: RouterErrorContext;
  next: () => Promise<unknown>;
}) => Promise<Response | undefined>;

/**
 * The error handler, with the middleware that brings it the throws that are not `Error`s.
 * @example
 * ```ts
 * const errors: RouterErrorHandler = routerErrorHandler({ logger });
 * app.errorHandler(Error, errors);
 * app.use(errors.middleware);
 * ```
 */
export interface RouterErrorHandler {
  (error: Error, requestContext: RouterErrorContext): Promise<Response>;
  /**
   * Brings the error handler what a route throws that is not an `Error` (a string, a plain
   * object, `undefined`), which the Router would otherwise answer with its own
   * `{"statusCode":500,...}` body; it is answered, logged and traced as the value it was.
   */
  middleware: RouterMiddleware;
  /**
   * The Router's own logger, redacted: give it to the Router (`new Router({ logger:
   * errors.logger })`). The Router logs what a route threw at DEBUG before this handler runs,
   * message and all; through this logger that line is redacted and written by the handler's
   * logger, at its level.
   */
  logger: RouterLogger;
}

/**
 * Carries a thrown non-Error to the handler. The middleware re-throws rather than answers:
 * the Router rejects a middleware whose `next()` threw and which then returns normally.
 */
class ThrownValue extends Error {
  override name = 'ThrownValue';
  constructor(readonly thrown: unknown) {
    super('a route threw a value that is not an Error');
  }
}

/**
 * An error handler for the Powertools event-handler `Router`. Every error a route throws, and
 * the Router's own route misses (404; it answers a known path with another method 404 too),
 * are answered by the contract, logged once, traced and redacted; the Router's `HttpError`s
 * keep their status and message. A method the Router does not know (`FOO`) gets its own bare
 * 405 before any error handler runs. Register its
 * `middleware` too, so that throws that are not `Error`s are answered the same way.
 *
 * @param options - see {@link RouterErrorHandlerOptions}; all optional.
 * @returns the handler for `app.errorHandler(Error, ...)`, with its `middleware`.
 * @throws TypeError at construction when an option is invalid.
 * @example
 * const errors = routerErrorHandler({ logger, tracer });
 * app.errorHandler(Error, errors);
 * app.use(errors.middleware);
 */
export const routerErrorHandler = (options: RouterErrorHandlerOptions = {}): RouterErrorHandler => {
  // The types say it; plain JavaScript callers hear it at construction.
  if ((options as ErrorNormalizerOptions).maintenance !== undefined) {
    throw new TypeError(
      'routerErrorHandler: "maintenance" cannot act from an error handler; wrap app.resolve with withErrorNormalizer(resolve, { maintenance: maintenance() }) instead',
    );
  }
  const core = createCore(options, 'routerErrorHandler');
  const answer = async (thrown: unknown, requestContext: RouterErrorContext) => {
    const { event, context } = requestContext;
    const answered = core.answer(thrown, event, context);
    await core.settle(context);
    // The Router resolves HTTP events only; anything else goes back to it as it came.
    if (answered === undefined) throw thrown;
    const headers = { ...answered.headers };
    const earlier = exposedBefore(requestContext);
    const ours = headers[EXPOSE];
    if (earlier !== undefined && ours !== undefined) headers[EXPOSE] = mergedList(earlier, ours);
    return new Response(answered.body, { status: answered.status, headers });
  };
  const handler = (error: Error, requestContext: RouterErrorContext) =>
    answer(error instanceof ThrownValue ? error.thrown : error, requestContext);
  const middleware: RouterMiddleware = async ({ next }) => {
    try {
      await next();
      return undefined;
    } catch (thrown) {
      throw isError(thrown) ? thrown : new ThrownValue(thrown);
    }
  };
  const logger = redactingRouterLogger(core.logger, core.redactText, core.complain);
  return Object.assign(handler, { middleware, logger });
};
