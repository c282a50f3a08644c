/**
 * The plain-handler door: the same contract for a handler without Middy, instead of a
 * try/catch copied into every function.
 */
import { foldAlbHeaders } from '../core/alb-headers.js';
import { eventSourceOf } from '../core/event-source.js';
import { malformedResult } from '../core/malformed-result.js';
import type { ErrorNormalizerOptions } from '../core/options.js';
import { type ErrorAnswer, type HttpErrorResult, toLambdaResult } from '../core/respond.js';
import { createCore } from '../normalizer.js';
import type { LambdaContext } from './types.js';

/**
 * A Lambda handler in the async form the Node.js 22 and 24 runtimes call.
 * @example
 * ```ts
 * const findWidget: AsyncHandler<APIGatewayProxyEvent, APIGatewayProxyResult> = async (event) => ok(event.path);
 * ```
 */
export type AsyncHandler<TEvent, TResult, TContext = LambdaContext> = (
  event: TEvent,
  context: TContext,
) => Promise<TResult> | TResult;

/**
 * Wraps `handler` so that every uncaught error of an HTTP event (and every result its source
 * would reject) is answered by the contract, logged once and traced; errors of every other
 * event are re-thrown untouched. The wrapped handler keeps the handler's event type, and its
 * result is the handler's own or an error answer.
 *
 * @param handler - the handler to wrap.
 * @param options - see {@link ErrorNormalizerOptions}; all optional.
 * @returns the wrapped handler, for the Lambda runtime to call.
 * @throws TypeError at construction when `handler` is not a function or an option is invalid.
 * @example
 * ```ts
 * export const handler = withErrorNormalizer(async (event: APIGatewayProxyEvent) => {
 *   return { statusCode: 200, body: JSON.stringify(await findWidget(event)) };
 * }, { logger, tracer });
 * ```
 */
export const withErrorNormalizer = <TEvent, TResult, TContext = LambdaContext>(
  handler: AsyncHandler<TEvent, TResult, TContext>,
  options: ErrorNormalizerOptions = {},
): ((event: TEvent, context: TContext) => Promise<TResult | HttpErrorResult>) => {
  if (typeof handler !== 'function') {
    throw new TypeError('withErrorNormalizer: the first argument must be the handler function');
  }
  const core = createCore(options, 'withErrorNormalizer');
  const answered = (answer: ErrorAnswer | undefined, event: TEvent, thrown: unknown) => {
    if (answer === undefined) throw thrown;
    return toLambdaResult(answer, event);
  };
  return async (event, context) => {
    const closed = core.maintenance(event, context);
    if (closed !== undefined) return toLambdaResult(closed, event);
    let result: TResult;
    try {
      result = await handler(event, context);
    } catch (thrown) {
      const answer = core.answer(thrown, event, context);
      await core.settle(context);
      return answered(answer, event, thrown);
    }
    const source = eventSourceOf(event);
    const rejected = malformedResult(source, result);
    // Outermost, this door sees the final result: an ALB answer gets every header in the map
    // its target group reads.
    if (rejected === undefined) return source === 'alb' ? foldAlbHeaders(result, event) : result;
    const answer = core.answer(rejected, event, context, 'malformed_result');
    await core.settle(context);
    return answered(answer, event, rejected);
  };
};
