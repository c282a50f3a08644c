/**
 * X-Ray, through the app's Powertools Tracer: the failed request's segment is marked as a fault
 * (5xx) or an error (4xx), with the redacted error attached.
 */
import type { DescribedError } from '../core/describe-error.js';
import { type Complain, FACILITY } from './complain.js';
import type { ErrorTracer, Incident } from './types.js';

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
  addAnnotation(key: string, value: string | number | boolean): void;
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

/** Marks the trace of the incident. Never throws. */
export const traceIncident = (
  tracer: ErrorTracer,
  incident: Incident,
  complain: Complain,
): void => {
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
      subsegment.addAnnotation('fingerprint', incident.fingerprint);
      mark(subsegment, incident.status, error);
      subsegment.close();
    } else {
      // Annotations are indexed: `annotation.fingerprint = "…"` finds every trace of a group.
      segment.addAnnotation('fingerprint', incident.fingerprint);
      mark(segment, incident.status, error);
    }
  } catch (traceError) {
    complain('tracer failed', traceError);
  }
};
