/**
 * The framework shapes the doors speak, written out structurally instead of imported from
 * `@middy/core` or `@types/aws-lambda`: the published `.d.ts` then names no package an app may
 * not have (an app with neither typechecks with `skipLibCheck: false`), while Middy's `Request`
 * and `.use()`, and `aws-lambda`'s `Context`, still fit (test/package/peer-types.test.ts).
 */

/**
 * The part of the Lambda context object the package relies on; the `Context` of
 * `@types/aws-lambda` (and the object the runtime passes) fits.
 * @example
 * ```ts
 * export const handler = withErrorNormalizer(async (event, context: LambdaContext) => ok(context.awsRequestId));
 * ```
 */
export interface LambdaContext {
  /** The invocation's request id, answered in `requestId` and `x-request-id`. */
  awsRequestId: string;
  /** The function's name. */
  functionName: string;
  /** @returns The milliseconds left before the invocation times out. */
  getRemainingTimeInMillis(): number;
}

/**
 * The part of Middy's `Request` the middleware reads and writes.
 * @example
 * ```ts
 * const after = (request: MiddyRequest) => console.log(request.context.awsRequestId);
 * ```
 */
export interface MiddyRequest<TEvent = unknown, TResult = unknown> {
  /** The Lambda event. */
  event: TEvent;
  /** The Lambda context. */
  context: LambdaContext;
  /** The handler's (or a middleware's) response, if any yet. */
  response: TResult | null | undefined;
  /** The error thrown by the handler or a middleware, if any. */
  error: unknown;
}

/**
 * A Middy middleware object (`before`, `after`, `onError`), as Middy's `.use()` accepts it.
 * @example
 * ```ts
 * const normalizer: MiddyMiddleware = errorNormalizer({ logger }); // what middy().use() takes
 * ```
 */
export interface MiddyMiddleware<TEvent = unknown, TResult = unknown> {
  /**
   * Runs before the handler; a returned value ends the request with that response.
   * @param request The Middy request.
   */
  before?: (request: MiddyRequest<TEvent, TResult>) => unknown;
  /**
   * Runs after the handler succeeded.
   * @param request The Middy request.
   */
  after?: (request: MiddyRequest<TEvent, TResult>) => unknown;
  /**
   * Runs when the handler or a middleware threw.
   * @param request The Middy request.
   */
  onError?: (request: MiddyRequest<TEvent, TResult>) => unknown;
}

/**
 * Holds a streamed handler result until its first chunk, so that an early failure is still
 * answered by the contract: `streamGuard()` (from `lambda-error-normalizer/streaming`) is one.
 * @example
 * ```ts
 * errorNormalizer({ logger, streaming: streamGuard() }); // the built-in guard
 * ```
 */
export interface StreamGuard {
  /**
   * Reads the streamed body of `response` up to its first chunk.
   * @param response - the handler's result: a stream, or an object with a stream `body`.
   * @param context - the Lambda context (its remaining time bounds the wait).
   * @param onLateError - called once with an error the body raises after its first chunk.
   * @returns the result with a body that replays the first chunk, then the rest.
   */
  guard(
    response: unknown,
    context: unknown,
    onLateError: (error: unknown) => void,
  ): Promise<unknown>;
}
