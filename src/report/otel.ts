/**
 * OpenTelemetry, an opt-in reporter (`lambda-error-normalizer/opentelemetry`): the answered
 * error on the active span, and the span's trace id for requests without an X-Ray header. Only
 * a handler that passes `openTelemetry()` imports `@opentelemetry/api` (an optional peer); the
 * API finds the active span whichever copy the SDK (ADOT's layer or the app's own) registered.
 */
import { type Span, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ErrorSpanReporter, Incident } from './types.js';

const activeSpan = (): Span | undefined => {
  try {
    const span = trace.getActiveSpan();
    return span?.isRecording() ? span : undefined;
  } catch {
    return undefined;
  }
};

const HEX32 = /^[0-9a-f]{32}$/;

/**
 * The active span's trace id in X-Ray form (`1-` + first 8 hex + `-` + last 24), so that the id
 * an answer carries finds the trace in X-Ray and in any OTel backend that keeps X-Ray ids.
 */
const activeSpanTraceId = (): string | undefined => {
  const id = activeSpan()?.spanContext().traceId;
  return typeof id === 'string' && HEX32.test(id) && id !== '0'.repeat(32)
    ? `1-${id.slice(0, 8)}-${id.slice(8)}`
    : undefined;
};

/**
 * Records the answered error on the active span: the redacted exception, status ERROR for 5xx
 * (left unset for 4xx, as the HTTP server conventions say), the status code, `error.type` and
 * `error.fingerprint`.
 */
const recordOnSpan = (incident: Incident): boolean => {
  const span = activeSpan();
  if (span === undefined) return false;
  const { error, status, code } = incident;
  span.recordException({
    name: error.name,
    message: error.message,
    ...(error.stack === undefined ? {} : { stack: error.stack }),
  });
  span.setAttributes({
    'http.response.status_code': status,
    'error.type': code,
    'error.fingerprint': incident.fingerprint,
  });
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: code });
  return true;
};

const REPORTER: ErrorSpanReporter = { traceId: activeSpanTraceId, record: recordOnSpan };

/**
 * Records every answered error on the active OpenTelemetry span (an exception event, status
 * ERROR for 5xx, `http.response.status_code`, `error.type`, `error.fingerprint`), and answers
 * with the span's trace id when the request carries no X-Ray trace header. Without a registered
 * SDK there is no active span, and it does nothing.
 *
 * @returns the reporter for the `openTelemetry` option of every door.
 * @example
 * ```ts
 * import { openTelemetry } from 'lambda-error-normalizer/opentelemetry';
 *
 * export const handler = middy(lambdaHandler).use(
 *   errorNormalizer({ logger, openTelemetry: openTelemetry() }),
 * );
 * ```
 */
export const openTelemetry = (): ErrorSpanReporter => REPORTER;
