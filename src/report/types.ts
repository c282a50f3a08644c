/**
 * The types the report speaks: what it calls on Powertools, and what it says of one failure.
 * The Powertools parts are written out structurally, not imported: the published `.d.ts` then
 * names no peer, so an app without Tracer (or Middy) typechecks with `skipLibCheck: false`,
 * and Powertools' own classes still fit (test/package/peer-compat.types.ts proves both).
 */
import type { DescribedError } from '../core/describe-error.js';

/**
 * The subset of Powertools Logger the middleware calls: `error` for incidents, `warn` for
 * maintenance answers and its own troubles. A Powertools `Logger` fits, and so does any object
 * with these two methods.
 * @example
 * ```ts
 * const logger: ErrorLogger = new Logger({ serviceName: 'orders' }); // or any { error, warn }
 * ```
 */
export interface ErrorLogger {
  /**
   * Writes one ERROR line.
   * @param message The line's message.
   * @param attributes The structured attributes of the line.
   */
  error(message: string, attributes: Record<string, unknown>): unknown;
  /**
   * Writes one WARN line.
   * @param message The line's message.
   * @param attributes The structured attributes of the line.
   */
  warn(message: string, attributes: Record<string, unknown>): unknown;
}

/**
 * The part of an X-Ray (sub)segment the middleware marks; the X-Ray SDK's classes fit.
 * @example
 * ```ts
 * const segment: ErrorTraceSegment | undefined = tracer.getSegment();
 * ```
 */
export interface ErrorTraceSegment {
  /** Set by the X-Ray SDK on Lambda's own segment, which is never sent. */
  facade?: boolean;
  /** Whether the segment is marked as a fault (5xx). */
  fault?: boolean;
  /**
   * Records an exception on the segment.
   * @param error The (redacted) error to record.
   * @param remote Whether the error came from a downstream call.
   */
  addError(error: Error, remote?: boolean): void;
  /** Marks the segment as an error (4xx). */
  addErrorFlag(): void;
  /**
   * Opens a subsegment.
   * @param name The subsegment's name.
   * @returns The new subsegment.
   */
  addNewSubsegment(name: string): ErrorTraceSegment;
  /**
   * Adds an indexed annotation.
   * @param key The annotation's name.
   * @param value Its value.
   */
  addAnnotation(key: string, value: boolean | string | number): void;
  /** Closes the (sub)segment. */
  close(): void;
}

/**
 * The subset of Powertools Tracer the middleware calls. A Powertools `Tracer` fits; so does
 * any object with these methods.
 * @example
 * ```ts
 * const tracer: ErrorTracer = new Tracer({ serviceName: 'orders' });
 * ```
 */
export interface ErrorTracer {
  /** @returns Whether tracing is on (off outside Lambda or when disabled by env). */
  isTracingEnabled(): boolean;
  /** @returns The segment or subsegment of the current invocation, if any. */
  getSegment(): ErrorTraceSegment | undefined;
}

/**
 * The part of Powertools Metrics the middleware calls: `singleMetric()` and, on what it
 * returns, `setDefaultDimensions`, `addDimension`, `addDimensions` and `addMetric`.
 * @example
 * ```ts
 * const metrics: ErrorMetrics = new Metrics({ namespace: 'Shop', serviceName: 'orders' });
 * ```
 */
export interface ErrorMetrics {
  /** @returns A metrics object flushed on its own, apart from the app's batch. */
  singleMetric(): {
    /**
     * Replaces the default dimensions.
     * @param dimensions Name to value.
     */
    setDefaultDimensions(dimensions: Record<string, string>): unknown;
    /**
     * Adds one dimension.
     * @param name The dimension's name.
     * @param value Its value.
     */
    addDimension(name: string, value: string): unknown;
    /**
     * Adds several dimensions.
     * @param dimensions Name to value.
     */
    addDimensions(dimensions: Record<string, string>): unknown;
    /**
     * Adds one metric value.
     * @param name The metric's name.
     * @param unit Always `Count`.
     * @param value The count.
     */
    addMetric(name: string, unit: 'Count', value: number): unknown;
  };
}

/**
 * Where an answered error goes besides the log line and X-Ray: the active span of a tracing
 * API. `openTelemetry()` (from `lambda-error-normalizer/opentelemetry`) is one.
 * @example
 * ```ts
 * errorNormalizer({ logger, openTelemetry: openTelemetry() }); // the built-in reporter
 * ```
 */
export interface ErrorSpanReporter {
  /**
   * The active span's trace id in X-Ray form, for a request without an X-Ray trace header.
   * @returns the id, or `undefined` when no recording span is active.
   */
  traceId(): string | undefined;
  /**
   * Records the answered failure on the active span.
   * @param incident - the redacted incident the log line carries.
   * @returns whether a span was there to record it.
   */
  record(incident: Incident): boolean;
}

/**
 * Everything the report says about one failed request.
 * @example
 * ```ts
 * onIncident: (incident: Incident) => console.log(incident.fingerprint, incident.status)
 * ```
 */
export interface Incident {
  /** The answered HTTP status (400-599). */
  status: number;
  /** The stable snake_case code of the answer's `error` field. */
  code: string;
  /**
   * Why the request failed: an uncaught error, a handler result the source would reject, or a
   * streamed body that failed after its first bytes (the client got a cut 200, not this status).
   */
  kind: 'uncaught_error' | 'malformed_result' | 'stream_error';
  /** The HTTP event source that sent the request (`apigateway-rest`, `alb`...). */
  eventSource: string;
  /** The X-Ray root trace id the answer carries, or `null`. */
  traceId: string | null;
  /** The Lambda request id the answer carries, or `null`. */
  requestId: string | null;
  /** The thrown value, described and redacted. */
  error: DescribedError;
  /**
   * The failure's grouping key (16 hex characters): the same failure gets the same one across
   * invocations and cold starts. Logged and traced, never answered nor a metric dimension.
   */
  fingerprint: string;
  /** The fingerprint recipe's version: a new recipe re-splits the groups. */
  fingerprintVersion: number;
  /** Problems met while classifying (a rule that threw...) or fingerprinting. */
  problems?: string[];
}
