/**
 * Middy wiring. `onError` answers uncaught errors of HTTP events; `after` answers handler
 * results the event source would reject. The decisions live in the modules this calls, in the
 * order an error travels: classify, describe and redact, report, respond.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj, Request } from '@middy/core';
import type { Context } from 'aws-lambda';
import { type ClassifyProblem, classify, defaultRules, type ErrorRule } from './classify.js';
import { describeError } from './describe-error.js';
import {
  type EventSource,
  eventSourceOf,
  malformedResultReason,
  requestHeader,
} from './event-source.js';
import { compileRedaction, type RedactionOptions } from './redact.js';
import { type ErrorLogger, type ErrorTracer, type Incident, report } from './report.js';
import {
  clientMessage,
  errorBody,
  errorHeaders,
  type HttpErrorResult,
  negotiateFormat,
  shapeResult,
} from './respond.js';
import { guardStreamedResponse, isStreamedResponse, withoutStreamBody } from './stream-guard.js';
import { requestIdFor, traceIdFor } from './trace-id.js';
import { validateOptions } from './validate-options.js';

/** Options of {@link errorNormalizer}. All are optional. */
export interface ErrorNormalizerOptions {
  /**
   * Powertools Logger that records each failure once (ERROR for 5xx, WARN for 4xx).
   * Default: a new `Logger()` configured by the `POWERTOOLS_*` environment variables.
   */
  logger?: ErrorLogger;
  /**
   * Powertools Tracer. When given and tracing is on, the X-Ray segment of a failed request is
   * marked as a fault (5xx) or an error (4xx) with the error attached.
   */
  tracer?: ErrorTracer;
  /**
   * The classification table, tried in order; the first rule that answers wins, and anything
   * no rule claims is a 500. Default: {@link defaultRules}. Add your own before the defaults:
   * `rules: [myRule, ...defaultRules]`.
   */
  rules?: readonly ErrorRule[];
  /** `Retry-After` seconds for 503 and 429 answers whose rule set none. Default: `1`. */
  retryAfterSeconds?: number;
  /**
   * Answer RFC 9457 `application/problem+json` to clients whose `Accept` prefers it.
   * Default: `true`. With `false`, every answer is the JSON contract.
   */
  problemDetails?: boolean;
  /** Secret redaction applied to everything logged. Default: the built-in rules. */
  redaction?: RedactionOptions | false;
}

/** The error standing for a handler result the event source would reject. */
class MalformedResultError extends Error {
  override name = 'MalformedResultError';
}

const kindOf = (error: unknown): Incident['kind'] => {
  try {
    return error instanceof MalformedResultError ? 'malformed_result' : 'uncaught_error';
  } catch {
    // `instanceof` runs a proxy's getPrototypeOf trap, which may throw.
    return 'uncaught_error';
  }
};

/**
 * Middy middleware that turns every uncaught error of an HTTP event into a sanitized JSON
 * error response carrying the X-Ray trace id and the Lambda request id, logs the error once
 * and marks the trace. Errors of non-HTTP events (SQS, EventBridge...) are re-thrown untouched.
 *
 * Register it first, so its `after` sees the final result and its `onError` runs last:
 * `middy(handler).use(errorNormalizer({ logger, tracer })).use(otherMiddlewares)`.
 *
 * @throws TypeError at construction when an option is invalid.
 */
export const errorNormalizer = <TEvent = unknown, TResult = unknown>(
  options: ErrorNormalizerOptions = {},
): MiddlewareObj<TEvent, TResult, unknown, Context> => {
  validateOptions(options);
  const logger = options.logger ?? new Logger();
  const { tracer } = options;
  const rules = options.rules ?? defaultRules;
  const retryAfter = options.retryAfterSeconds ?? 1;
  const problemDetails = options.problemDetails ?? true;
  const redact = compileRedaction(options.redaction);
  // Requests already reported: a failure is logged once even if both hooks see it.
  const reported = new WeakSet<object>();

  const answer = (
    request: Request<TEvent, TResult, unknown, Context>,
    source: EventSource,
    error: unknown,
  ): HttpErrorResult => {
    const problems: ClassifyProblem[] = [];
    const classification = classify(error, rules, retryAfter, problems);
    const traceId = traceIdFor(request.event);
    const requestId = requestIdFor(request.context);
    if (!reported.has(request)) {
      reported.add(request);
      const incident: Incident = {
        status: classification.status,
        code: classification.code,
        kind: kindOf(error),
        eventSource: source,
        traceId,
        requestId,
        error: redact(describeError(error)),
      };
      if (problems.length > 0) {
        incident.problems = problems.map(({ rule, reason }) => `rules[${rule}]: ${reason}`);
      }
      report(logger, tracer, incident);
    }
    const format = problemDetails
      ? negotiateFormat(requestHeader(request.event, 'accept', 'Accept'))
      : 'json';
    const crossOrigin = requestHeader(request.event, 'origin', 'Origin') !== undefined;
    const contract = {
      error: classification.code,
      message: clientMessage(classification, error),
      traceId,
      requestId,
    };
    return shapeResult(
      source,
      request.event,
      classification.status,
      errorHeaders(format, contract, classification.retryAfter, crossOrigin),
      JSON.stringify(errorBody(format, classification.status, contract)),
    );
  };

  /**
   * Middy runs `onError` hooks in reverse registration order, and response decorators such as
   * `@middy/http-cors` skip when there is no response yet. Registered before them, our
   * `onError` would come too late for them. So the error is answered on the first read of
   * `request.response` after a failure, by whichever hook reads it first: errors get CORS
   * headers whatever the order of the middlewares. Redefining a property costs about half a
   * microsecond, so only cross-origin requests (those with an `Origin`) pay for it.
   */
  const answerOnFirstRead = (request: Request<TEvent, TResult, unknown, Context>): void => {
    let response = request.response;
    Object.defineProperty(request, 'response', {
      configurable: true,
      enumerable: true,
      get: () => {
        if (response === undefined && request.error !== undefined) {
          const source = eventSourceOf(request.event);
          if (source !== undefined) {
            response = answer(request, source, request.error) as TResult;
          }
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
      if (requestHeader(request.event, 'origin', 'Origin') !== undefined) {
        answerOnFirstRead(request);
      }
    },
    after: (request) => {
      const source = eventSourceOf(request.event);
      if (source === undefined) return;
      // Function URLs stream (RESPONSE_STREAM); elsewhere a stream body stays malformed.
      const streamed = source === 'function-url' && isStreamedResponse(request.response);
      const checked = streamed ? withoutStreamBody(request.response) : request.response;
      const reason = malformedResultReason(source, checked);
      // Thrown, not answered here: every onError hook (tracer, CORS...) then sees the failure.
      if (reason !== undefined) {
        throw new MalformedResultError(`Handler result rejected by ${source}: ${reason}`);
      }
      // A stream failing before its first byte is answered like a throw; later, reported once.
      if (streamed) {
        return guardStreamedResponse(request.response, (error) => {
          answer(request, source, error);
        }).then((response) => {
          request.response = response as TResult;
        });
      }
    },
    onError: (request) => {
      // Another middleware has answered already; respect it, as Middy's own handlers do.
      if (request.response !== undefined) return;
      const source = eventSourceOf(request.event);
      // Not an HTTP event: leave the error in place so Middy re-throws it to Lambda.
      if (source === undefined) return;
      request.response = answer(request, source, request.error) as TResult;
    },
  };
};
