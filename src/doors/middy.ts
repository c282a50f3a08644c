/**
 * The Middy door: `onError` answers uncaught errors of HTTP events, `after` turns handler results
 * the event source would reject into errors, `before` answers an open maintenance window. What
 * the answer is, the core decides; this file only knows Middy's hooks.
 */
import type { MiddlewareObj, Request } from '@middy/core';
import type { Context } from 'aws-lambda';
import { eventSourceOf, requestHeader } from '../core/event-source.js';
import { failureKind, malformedResult } from '../core/malformed-result.js';
import type { ErrorNormalizerOptions } from '../core/options.js';
import { type ErrorAnswer, type HttpErrorResult, toLambdaResult } from '../core/respond.js';
import { createCore } from '../normalizer.js';
import { guardStreamedResponse, isStreamedResponse, withoutStreamBody } from './stream-guard.js';

/**
 * Middy middleware that turns every uncaught error of an HTTP event into a sanitized JSON error
 * response carrying the X-Ray trace id and the Lambda request id, logs the error once and marks
 * the trace. Errors of anything that is not an HTTP request to answer (SQS, EventBridge,
 * authorizers...) are re-thrown untouched.
 *
 * Register it first, so its `after` sees the final result and its `onError` runs last:
 * `middy(handler).use(errorNormalizer({ logger, tracer })).use(otherMiddlewares)`.
 *
 * @throws TypeError at construction when an option is invalid.
 */
export const errorNormalizer = <TEvent = unknown, TResult = unknown>(
  options: ErrorNormalizerOptions = {},
): MiddlewareObj<TEvent, TResult, unknown, Context> => {
  const core = createCore(options, 'errorNormalizer');
  type MiddyRequest = Request<TEvent, TResult, unknown, Context>;
  // One answer per request: a failure is logged once even if several hooks read it.
  const answered = new WeakMap<object, HttpErrorResult | undefined>();

  const answerOf = (request: MiddyRequest): HttpErrorResult | undefined => {
    if (answered.has(request)) return answered.get(request);
    const { event, context, error } = request;
    const answer: ErrorAnswer | undefined = core.answer(error, event, context, failureKind(error));
    const result = answer === undefined ? undefined : toLambdaResult(answer, event);
    answered.set(request, result);
    return result;
  };

  /**
   * Middy runs `onError` hooks in reverse registration order, and response decorators such as
   * `@middy/http-cors` skip when there is no response yet. Registered before them, our
   * `onError` would come too late for them. So the error is answered on the first read of
   * `request.response` after a failure, by whichever hook reads it first: errors get CORS
   * headers whatever the order of the middlewares. Redefining a property costs about half a
   * microsecond, so only cross-origin requests (those with an `Origin`) pay for it.
   */
  const answerOnFirstRead = (request: MiddyRequest): void => {
    let response = request.response;
    Object.defineProperty(request, 'response', {
      configurable: true,
      enumerable: true,
      get: () => {
        if (response === undefined && request.error !== undefined) {
          response = answerOf(request) as TResult | undefined;
        }
        return response;
      },
      set: (value: TResult | null | undefined) => {
        response = value;
      },
    });
  };

  return {
    before: (request) => {
      const closed = core.maintenance(request.event, request.context);
      // Returning a value ends the request here: the handler never runs.
      if (closed !== undefined) return toLambdaResult(closed, request.event) as TResult;
      if (requestHeader(request.event, 'origin', 'Origin') !== undefined) {
        answerOnFirstRead(request);
      }
      return undefined;
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
      return guardStreamedResponse(request.response, (error) => {
        core.answer(error, request.event, request.context, 'stream_error');
      }).then((response) => {
        request.response = response as TResult;
      });
    },
    onError: (request) => {
      const answer = (): void => {
        // Another middleware has answered already; respect it, as Middy's own handlers do.
        if (request.response !== undefined) return;
        // Not an HTTP request to answer: leave the error so Middy re-throws it to Lambda.
        const result = answerOf(request);
        if (result !== undefined) request.response = result as TResult;
      };
      // Synchronous unless the OpenTelemetry API is still loading (the first error at most).
      // Then the onIncident hooks of this request, bounded by the invocation's remaining time.
      const settle = () => core.settle(request.context);
      const pending = core.ready();
      if (pending === undefined) {
        answer();
        return settle();
      }
      return pending.then(answer).then(settle);
    },
  };
};
