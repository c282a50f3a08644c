/**
 * OpenTelemetry, when the app has it. `@opentelemetry/api` is an optional peer: it is imported
 * lazily, once per process, and only once an SDK (ADOT's layer or the app's own) has registered
 * itself with the API; without one there is no span to record on, so an app without
 * OpenTelemetry loads nothing, at start or per request (bundlers leave a failed dynamic import
 * inside `try` alone). The API then finds the active span, whichever copy registered it.
 */
import type { Incident } from './types.js';

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
let loaded = false;

/**
 * Where every copy of `@opentelemetry/api` 1.x registers the SDK's providers (the API's own
 * cross-copy contract). Read for its presence only: it says whether there is anything to load.
 */
const API_REGISTRY = Symbol.for('opentelemetry.js.api.1');

/**
 * Loads the API once an SDK has registered with it (once per process). Returns the pending
 * load for callers that can wait, or `undefined` when there is nothing to wait for.
 */
export const loadOpenTelemetry = (): Promise<void> | undefined => {
  if (loaded) return undefined;
  if (loading !== undefined) return loading;
  if ((globalThis as Record<symbol, unknown>)[API_REGISTRY] === undefined) return undefined;
  loading = (async () => {
    try {
      api = (await import('@opentelemetry/api')) as unknown as OtelApi;
    } catch {
      api = undefined;
    }
    loaded = true;
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
  span.setAttributes({
    'http.response.status_code': status,
    'error.type': code,
    'error.fingerprint': incident.fingerprint,
  });
  if (status >= 500) span.setStatus({ code: api.SpanStatusCode.ERROR, message: code });
  return true;
};
