/**
 * The Middy door: `onError` answers uncaught errors of HTTP events, `after` turns handler results
 * the event source would reject into errors, `before` fails requests in an open maintenance
 * window. It follows Middy's own conventions: plain hooks, `request.response` as Middy defines it. What
 * the answer is, the core decides; this file only knows Middy's hooks.
 */
import { eventSourceOf } from '../core/event-source.js';
import { failureKind, malformedResult } from '../core/malformed-result.js';
import type { ErrorNormalizerOptions } from '../core/options.js';
import { type ErrorAnswer, type HttpErrorResult, toLambdaResult } from '../core/respond.js';
import { hasMethods } from '../core/validate-options.js';
import { createCore } from '../normalizer.js';
import { isStreamedResponse, withoutStreamBody } from './stream-body.js';
import type { MiddyMiddleware, MiddyRequest, StreamGuard } from './types.js';

/**
 * The options of {@link errorNormalizer}: those of every door, and `streaming`.
 * @example
 * ```ts
 * const options: MiddyErrorNormalizerOptions = { logger, streaming: streamGuard() };
 * ```
 */
export interface MiddyErrorNormalizerOptions extends ErrorNormalizerOptions {
  /**
   * Holds a streamed response (a function URL in `RESPONSE_STREAM` mode) to its first chunk,
   * so that a body failing before it is answered by the contract and one failing later is
   * logged once. Opt-in: without it, a streamed body goes out unguarded.
   * @default none
   * @example
   * ```ts
   * import { streamGuard } from 'lambda-error-normalizer/streaming';
   * errorNormalizer({ logger, streaming: streamGuard() });
   * ```
   */
  streaming?: StreamGuard;
}

const MIDDY_CHECKS = {
  streaming: [hasMethods('guard'), "streamGuard() from 'lambda-error-normalizer/streaming'"],
} as const;

/** Thrown from `before` in an open maintenance window, so every `onError` hook sees the 503. */
class MaintenanceWindowOpen extends Error {
  override name = 'MaintenanceWindowOpen';
  /** For `@middy/http-error-handler` and others that read http-errors fields. */
  readonly statusCode = 503;
  readonly expose = true;
}

/**
 * Middy middleware that turns every uncaught error of an HTTP event into a sanitized JSON error
 * response carrying the X-Ray trace id and the Lambda request id, logs the error once and marks
 * the trace. Errors of anything that is not an HTTP request to answer (SQS, EventBridge,
 * authorizers...) are re-thrown untouched.
 *
 * Register it where Middy's docs put `@middy/http-error-handler`: **last** with `.use()`. Middy
 * runs `onError` hooks in reverse order, so it answers first and the response decorators
 * registered before it (`@middy/http-cors`, `@middy/http-security-headers`...) add their
 * headers to the answer. See docs/middy.md for the order each guarantee needs.
 *
 * @param options - see {@link MiddyErrorNormalizerOptions}; all optional.
 * @returns the middleware object for `middy(handler).use(...)`.
 * @throws TypeError at construction when an option is invalid.
 * @example
 * export const handler = middy(lambdaHandler)
 *   .use(httpCors({ origins: ['https://app.example.com'] }))
 *   .use(errorNormalizer({ logger, tracer }));
 */
export const errorNormalizer = <TEvent = unknown, TResult = unknown>(
  options: MiddyErrorNormalizerOptions = {},
): MiddyMiddleware<TEvent, TResult> => {
  const core = createCore(options, 'errorNormalizer', MIDDY_CHECKS);
  const { streaming } = options;
  type HookRequest = MiddyRequest<TEvent, TResult>;
  // The 503s `before` answered (and logged) already, for `onError` to hand back. A failure
  // is reported once: `onError` runs once per request, and only while no answer is set.
  const closedWindows = new WeakMap<object, HttpErrorResult>();

  const answerOf = (request: HookRequest): HttpErrorResult | undefined => {
    const prepared = closedWindows.get(request);
    if (prepared !== undefined) return prepared;
    const { event, context, error } = request;
    const answer: ErrorAnswer | undefined = core.answer(error, event, context, failureKind(error));
    return answer === undefined ? undefined : toLambdaResult(answer, event);
  };

  return {
    before: (request) => {
      const closed = core.maintenance(request.event, request.context);
      if (closed === undefined) return;
      // Thrown, not returned: an early return would skip every other middleware's `after`, and
      // the 503 would lack their CORS and security headers. Its answer is ready (and logged).
      closedWindows.set(request, toLambdaResult(closed, request.event));
      throw new MaintenanceWindowOpen('The service is down for planned maintenance.');
    },
    after: (request) => {
      // Once per request, on the success path: every check below reads this.
      const source = eventSourceOf(request.event);
      if (source === undefined) return undefined;
      // Function URLs stream (RESPONSE_STREAM); elsewhere a stream body stays malformed.
      const streamed = source === 'function-url' && isStreamedResponse(request.response);
      const checked = streamed ? withoutStreamBody(request.response) : request.response;
      // Thrown, not answered here: every onError hook (tracer, CORS...) then sees the failure.
      const rejected = malformedResult(source, checked);
      if (rejected !== undefined) throw rejected;
      // A stream failing before its first byte is answered like a throw; later, reported once.
      if (!streamed) return undefined;
      if (streaming === undefined) {
        // Unguarded, a body that fails mid-stream escapes the handler: say how to guard it.
        core.complain(
          'a streamed response is not guarded',
          "pass streaming: streamGuard() from 'lambda-error-normalizer/streaming' so that a body failing before its first chunk is answered and a later failure is logged",
        );
        return undefined;
      }
      return streaming
        .guard(request.response, request.context, (error) => {
          core.answer(error, request.event, request.context, 'stream_error');
        })
        .then((response) => {
          request.response = response as TResult;
        });
    },
    onError: (request) => {
      // Another middleware has answered already; respect it, as Middy's own handlers do.
      if (request.response === undefined) {
        // Not an HTTP request to answer: leave the error so Middy re-throws it to Lambda.
        const result = answerOf(request);
        if (result !== undefined) request.response = result as TResult;
      }
      // The onIncident hooks of this request, bounded by the invocation's remaining time.
      return core.settle(request.context);
    },
  };
};
