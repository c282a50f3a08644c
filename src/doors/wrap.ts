/**
 * The plain-handler door: the same contract for a handler without Middy, instead of a
 * try/catch copied into every function.
 */
import type { Context } from 'aws-lambda';
import { eventSourceOf } from '../core/event-source.js';
import { malformedResult } from '../core/malformed-result.js';
import type { ErrorNormalizerOptions } from '../core/options.js';
import { type ErrorAnswer, type HttpErrorResult, toLambdaResult } from '../core/respond.js';
import { createCore } from '../normalizer.js';

/** A Lambda handler in the async form the Node.js 22 and 24 runtimes call. */
export type AsyncHandler<TEvent, TResult> = (
  event: TEvent,
  context: Context,
) => Promise<TResult> | TResult;

/**
 * Wraps `handler` so that every uncaught error of an HTTP event (and every result its source
 * would reject) is answered by the contract, logged once and traced; errors of every other
 * event are re-thrown untouched. The wrapped handler keeps the handler's event type, and its
 * result is the handler's own or an error answer.
 *
 * ```ts
 * export const handler = withErrorNormalizer(async (event: APIGatewayProxyEvent) => {
 *   return { statusCode: 200, body: JSON.stringify(await findWidget(event)) };
 * }, { logger, tracer });
 * ```
 *
 * @throws TypeError at construction when `handler` is not a function or an option is invalid.
 */
export const withErrorNormalizer = <TEvent, TResult>(
  handler: AsyncHandler<TEvent, TResult>,
  options: ErrorNormalizerOptions = {},
): ((event: TEvent, context: Context) => Promise<TResult | HttpErrorResult>) => {
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
      await core.ready();
      const answer = core.answer(thrown, event, context);
      await core.settle(context);
      return answered(answer, event, thrown);
    }
    const rejected = malformedResult(eventSourceOf(event), result);
    if (rejected === undefined) return result;
    await core.ready();
    const answer = core.answer(rejected, event, context, 'malformed_result');
    await core.settle(context);
    return answered(answer, event, rejected);
  };
};
