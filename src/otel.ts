/**
 * OpenTelemetry, when the app has it. `@opentelemetry/api` is an optional peer: it is imported
 * lazily, once per process, and an app without it loads nothing (bundlers leave a failed
 * dynamic import inside `try` alone). The API finds the span that ADOT's layer or the app's own
 * SDK made active, whichever copy of the API registered it.
 */
import type { Incident } from './report-types.js';

/** The part of `@opentelemetry/api` used here. */
interface OtelApi {
  trace: { getActiveSpan(): OtelSpan | undefined };
  SpanStatusCode: { ERROR: number };
}

interface OtelSpan {
  isRecording(): boolean;
  spanContext(): { traceId: string };
  recordException(exception: { name: string; message: string; stack?: string }): void;
  setStatus(status: { code: number; message?: string }): void;
  setAttributes(attributes: Record<string, string | number>): void;
}

let api: OtelApi | undefined;
let loading: Promise<void> | undefined;

/** Starts loading the API (once per process); resolves when it is loaded or known absent. */
export const loadOpenTelemetry = (): Promise<void> => {
  loading ??= (async () => {
    try {
      api = (await import('@opentelemetry/api')) as unknown as OtelApi;
    } catch {
      api = undefined;
    }
  })();
  return loading;
};

const activeSpan = (): OtelSpan | undefined => {
  try {
    const span = api?.trace.getActiveSpan();
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
export const activeSpanTraceId = (): string | undefined => {
  const id = activeSpan()?.spanContext().traceId;
  return typeof id === 'string' && HEX32.test(id) && id !== '0'.repeat(32)
    ? `1-${id.slice(0, 8)}-${id.slice(8)}`
    : undefined;
};

/**
 * Records the answered error on the active span: the redacted exception, status ERROR for 5xx
 * (left unset for 4xx, as the HTTP server conventions say), the status code and `error.type`.
 * Never throws.
 */
export const recordOnSpan = (incident: Incident): boolean => {
  const span = activeSpan();
  if (span === undefined || api === undefined) return false;
  const { error, status, code } = incident;
  span.recordException({
    name: error.name,
    message: error.message,
    ...(error.stack === undefined ? {} : { stack: error.stack }),
  });
  span.setAttributes({ 'http.response.status_code': status, 'error.type': code });
  if (status >= 500) span.setStatus({ code: api.SpanStatusCode.ERROR, message: code });
  return true;
};
