/**
 * Tells operators what happened, once per failed request: one log line through Powertools
 * Logger (which stamps it with `xray_trace_id`), with a Tracer a fault or error on the X-Ray
 * trace, the exception on the active OpenTelemetry span, and with Metrics one `Errors`
 * datapoint. Reporting must never be the reason a request goes unanswered, so every call out
 * is guarded, and the reporter's own trouble goes to stderr once per process.
 */
import type { DescribedError } from './describe-error.js';
import { countError } from './error-metric.js';
import { recordOnSpan } from './otel.js';
import type { ErrorLogger, ErrorMetrics, ErrorTracer, Incident } from './report-types.js';

const FACILITY = 'lambda-error-normalizer';
const complained = new Set<string>();

/** Writes the middleware's own trouble to stderr, once per kind per process. */
export const complain = (what: string, cause: unknown): void => {
  if (complained.has(what)) return;
  complained.add(what);
  try {
    const reason = cause instanceof Error ? cause.message : String(cause);
    process.stderr.write(`[${FACILITY}] ${what}: ${reason}\n`);
  } catch {
    // stderr itself is gone: there is nobody left to tell.
  }
};

const LINES: Record<Incident['kind'], (incident: Incident) => string> = {
  uncaught_error: ({ status, code }) => `Unhandled error answered as ${status} ${code}`,
  malformed_result: ({ status, code }) => `Malformed handler result answered as ${status} ${code}`,
  stream_error: ({ status, code }) =>
    `Streamed response failed after its first bytes (the stream was ended; counted as ${status} ${code})`,
};

/**
 * Writes one line at `level` through the logger. A logger that throws never costs the answer:
 * the trouble is said once on stderr, and the line still goes on record as bare JSON there.
 */
export const writeLine = (
  logger: ErrorLogger,
  level: 'ERROR' | 'WARN',
  line: string,
  attributes: Record<string, unknown>,
  fallbackLevel: 'ERROR' | 'WARN' = level,
): void => {
  try {
    if (level === 'ERROR') logger.error(line, attributes);
    else logger.warn(line, attributes);
  } catch (logError) {
    complain('logger failed', logError);
    try {
      process.stderr.write(
        `${JSON.stringify({ level: fallbackLevel, message: line, ...attributes })}\n`,
      );
    } catch {
      // Nothing more to try.
    }
  }
};

const logIncident = (logger: ErrorLogger, incident: Incident): void => {
  const { error, ...rest } = incident;
  // The fallback line of a failure is always ERROR: the logger that should have said it broke.
  writeLine(
    logger,
    incident.status >= 500 ? 'ERROR' : 'WARN',
    LINES[incident.kind](incident),
    {
      ...rest,
      error,
    },
    'ERROR',
  );
};

/** An `Error` rebuilt from the (redacted) description, for X-Ray's exception record. */
export const toXrayError = (described: DescribedError): Error => {
  const error = new Error(described.message);
  error.name = described.name;
  error.stack = described.stack ?? `${described.name}: ${described.message}`;
  return error;
};

const SUBSEGMENT_NAME = `## ${FACILITY}`;

interface MarkableSegment {
  addError(error: Error, remote?: boolean): void;
  addErrorFlag(): void;
  fault?: boolean;
}

const mark = (segment: MarkableSegment, status: number, error: Error): void => {
  segment.addError(error, false);
  if (status < 500) {
    // X-Ray's addError always flags a fault; a client error is an "error" instead.
    segment.fault = false;
    segment.addErrorFlag();
  }
};

const traceIncident = (tracer: ErrorTracer, incident: Incident): void => {
  try {
    if (!tracer.isTracingEnabled()) return;
    const segment = tracer.getSegment();
    if (segment === undefined) return;
    const error = toXrayError(incident.error);
    // Lambda's own segment is a facade that is never sent: record on a subsegment of ours.
    // Under `captureLambdaHandler` (or any open subsegment) the current one is marked instead.
    if ('facade' in segment && segment.facade === true) {
      const subsegment = segment.addNewSubsegment(SUBSEGMENT_NAME);
      subsegment.addAnnotation('status', incident.status);
      mark(subsegment, incident.status, error);
      subsegment.close();
    } else {
      mark(segment, incident.status, error);
    }
  } catch (traceError) {
    complain('tracer failed', traceError);
  }
};

/** Where the report goes. */
export interface Reporters {
  logger: ErrorLogger;
  tracer: ErrorTracer | undefined;
  metrics: ErrorMetrics | undefined;
  openTelemetry: boolean;
}

/** Logs the incident once, marks the trace and the span, counts it. Never throws. */
export const report = (to: Reporters, incident: Incident): void => {
  logIncident(to.logger, incident);
  if (to.tracer !== undefined) traceIncident(to.tracer, incident);
  if (to.openTelemetry) {
    try {
      recordOnSpan(incident);
    } catch (spanError) {
      complain('OpenTelemetry span failed', spanError);
    }
  }
  if (to.metrics !== undefined) {
    try {
      countError(to.metrics, incident);
    } catch (metricsError) {
      complain('metrics failed', metricsError);
    }
  }
};
