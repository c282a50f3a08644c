/**
 * The one log line of a failure, through the app's Powertools Logger (which stamps it with
 * `xray_trace_id`): ERROR for 5xx, WARN for 4xx. A logger that throws never costs the answer.
 */
import type { Complain } from './complain.js';
import type { ErrorLogger, Incident } from './types.js';

const LINES: Record<Incident['kind'], (incident: Incident) => string> = {
  uncaught_error: ({ status, code }) => `Unhandled error answered as ${status} ${code}`,
  malformed_result: ({ status, code }) => `Malformed handler result answered as ${status} ${code}`,
  stream_error: ({ status, code }) =>
    `Streamed response failed after its first bytes (the stream was ended; counted as ${status} ${code})`,
};

/** Where a line goes: the app's logger, and the core's say-once for a logger that throws. */
export interface LogSink {
  logger: ErrorLogger;
  complain: Complain;
}

/**
 * Writes one line at `level` through the logger. A logger that throws never costs the answer:
 * the trouble is said once on stderr, and the line still goes on record as bare JSON there.
 */
export const writeLine = (
  to: LogSink,
  level: 'ERROR' | 'WARN',
  line: string,
  attributes: Record<string, unknown>,
  fallbackLevel: 'ERROR' | 'WARN' = level,
): void => {
  try {
    if (level === 'ERROR') to.logger.error(line, attributes);
    else to.logger.warn(line, attributes);
  } catch (logError) {
    to.complain('logger failed', logError);
    try {
      process.stderr.write(
        `${JSON.stringify({ level: fallbackLevel, message: line, ...attributes })}\n`,
      );
    } catch {
      // Nothing more to try.
    }
  }
};

/**
 * Logs the incident's one line, its fields in the incident's own order. Never throws. A copy
 * goes to the logger, so a logger that changes its attributes cannot change what the tracer,
 * the metrics and the `onIncident` hooks see after it.
 */
export const logIncident = (to: LogSink, incident: Incident): void => {
  // The fallback line of a failure is always ERROR: the logger that should have said it broke.
  writeLine(
    to,
    incident.status >= 500 ? 'ERROR' : 'WARN',
    LINES[incident.kind](incident),
    { ...incident },
    'ERROR',
  );
};
