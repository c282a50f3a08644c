/** The types the report speaks: what it calls on Powertools, and what it says of one failure. */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { DescribedError } from '../core/describe-error.js';

/** The subset of Powertools Logger the middleware calls. */
export type ErrorLogger = Pick<Logger, 'error' | 'warn'>;
/** The subset of Powertools Tracer the middleware calls. */
export type ErrorTracer = Pick<Tracer, 'isTracingEnabled' | 'getSegment'>;

/**
 * The part of Powertools Metrics the middleware calls: `singleMetric()` and, on what it
 * returns, `setDefaultDimensions`, `addDimension`, `addDimensions` and `addMetric`.
 */
export interface ErrorMetrics {
  singleMetric(): {
    setDefaultDimensions(dimensions: Record<string, string>): unknown;
    addDimension(name: string, value: string): unknown;
    addDimensions(dimensions: Record<string, string>): unknown;
    addMetric(name: string, unit: 'Count', value: number): unknown;
  };
}

/** Everything the report says about one failed request. */
export interface Incident {
  status: number;
  code: string;
  /**
   * Why the request failed: an uncaught error, a handler result the source would reject, or a
   * streamed body that failed after its first bytes (the client got a cut 200, not this status).
   */
  kind: 'uncaught_error' | 'malformed_result' | 'stream_error';
  eventSource: string;
  traceId: string | null;
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
