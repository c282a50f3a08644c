/**
 * Tells operators what happened, once per failed request: the log line, with a Tracer a fault
 * or error on the X-Ray trace, the exception on the active span (OpenTelemetry, opt-in), and with
 * Metrics one `Errors` datapoint. Every reporter is guarded: its trouble goes to stderr once.
 */
import { type LogSink, logIncident } from './log-line.js';
import { countError } from './metrics.js';
import type { ErrorMetrics, ErrorSpanReporter, ErrorTracer, Incident } from './types.js';
import { traceIncident } from './xray.js';

/** Where the report goes. */
export interface Reporters extends LogSink {
  tracer: ErrorTracer | undefined;
  metrics: ErrorMetrics | undefined;
  spans: ErrorSpanReporter | undefined;
}

/** Logs the incident once, marks the trace and the span, counts it. Never throws. */
export const report = (to: Reporters, incident: Incident): void => {
  logIncident(to, incident);
  if (to.tracer !== undefined) traceIncident(to.tracer, incident, to.complain);
  if (to.spans !== undefined) {
    try {
      to.spans.record(incident);
    } catch (spanError) {
      to.complain('OpenTelemetry span failed', spanError);
    }
  }
  if (to.metrics !== undefined) {
    try {
      countError(to.metrics, incident);
    } catch (metricsError) {
      to.complain('metrics failed', metricsError);
    }
  }
};
