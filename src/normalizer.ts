/**
 * The framework-free core every door shares: from a thrown value, the event and the Lambda
 * context to the answer, or `undefined` for "not ours: re-throw". It logs, traces and counts
 * the failure once per call; the doors (Middy, the Powertools Router, a plain wrapper) only
 * decide when to call it and how to hand the answer back.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import {
  type ClassifyProblem,
  classify,
  defaultRules,
  retryAfterSeconds,
} from './core/classify.js';
import { describeError } from './core/describe-error.js';
import { eventSourceOf, type HttpEventSource, requestHeader } from './core/event-source.js';
import { FINGERPRINT_VERSION, fingerprintOf, projectRoot } from './core/fingerprint.js';
import { maintenanceWindow } from './core/maintenance.js';
import { negotiateFormat } from './core/negotiate.js';
import type { ErrorNormalizerOptions } from './core/options.js';
import { compileRedaction } from './core/redact/index.js';
import { clientMessage, type ErrorAnswer, errorBody, errorHeaders } from './core/respond.js';
import { requestIdFor, traceIdFor } from './core/trace-id.js';
import { validateOptions } from './core/validate-options.js';
import { writeLine } from './report/log-line.js';
import { runHook } from './report/on-incident.js';
import { activeSpanTraceId, loadOpenTelemetry } from './report/otel.js';
import { report } from './report/report.js';
import { guardTracer } from './report/tracer-guard.js';
import type { Incident } from './report/types.js';

/** Why the request failed, as the log line's `kind` says. */
export type FailureKind = Incident['kind'];

/** What the doors call. */
export interface NormalizerCore {
  /**
   * The pending load of the optional OpenTelemetry API, or `undefined` when there is nothing to
   * wait for. Asynchronous doors await it before answering, so even the first error of a cold
   * start reaches the span.
   */
  ready(): Promise<void> | undefined;
  /**
   * The answer to `thrown` for an HTTP request, logged, traced and counted once; `undefined`
   * when `event` is not a request to answer (the caller re-throws `thrown` untouched).
   */
  answer(
    thrown: unknown,
    event: unknown,
    context: unknown,
    kind?: FailureKind,
  ): ErrorAnswer | undefined;
  /**
   * The 503 of an open maintenance window for an HTTP request (logged at WARN); `undefined`
   * when no window is open or the event is not an HTTP request.
   */
  maintenance(event: unknown, context: unknown): ErrorAnswer | undefined;
  /**
   * The `onIncident` hooks still running for the answers given in this invocation (`context`),
   * or `undefined`. The doors await it before handing the answer back; it never rejects and
   * ends at the latest when the hooks' time is up.
   */
  settle(context: unknown): Promise<void> | undefined;
}

/** The key of hook deliveries when the context is not an object (tests, scripts). */
const NO_CONTEXT = {};

/** Validates `options` once and builds the core; `door` names the adapter in error messages. */
export const createCore = (
  options: ErrorNormalizerOptions = {},
  door = 'errorNormalizer',
): NormalizerCore => {
  validateOptions(options, door);
  const logger = options.logger ?? new Logger();
  const { tracer, metrics } = options;
  const rules = options.rules ?? defaultRules;
  const retryAfter = retryAfterSeconds(options.retryAfterSeconds) ?? 1;
  const problemDetails = options.problemDetails ?? true;
  const openTelemetry = options.openTelemetry ?? true;
  const redact = compileRedaction(options.redaction);
  const window = maintenanceWindow(options.maintenance, door);
  if (tracer !== undefined) guardTracer(tracer, redact);
  if (openTelemetry) void loadOpenTelemetry();
  const reporters = { logger, tracer, metrics, openTelemetry };
  const root = projectRoot();
  const { onIncident, fingerprint: customFingerprint } = options;
  const hookReport = { logger, describe: (thrown: unknown) => describeError(thrown, redact) };
  const hooks = new WeakMap<object, Promise<void>>();
  const keyOf = (context: unknown): object =>
    typeof context === 'object' && context !== null ? context : NO_CONTEXT;

  const traceId = (event: unknown): string | null =>
    traceIdFor(event, openTelemetry ? activeSpanTraceId : undefined);

  const build = (
    source: HttpEventSource,
    event: unknown,
    status: number,
    contract: { error: string; message: string; traceId: string | null; requestId: string | null },
    retry: number | undefined,
  ): ErrorAnswer => {
    const format = problemDetails
      ? negotiateFormat(requestHeader(event, 'accept', 'Accept'))
      : 'json';
    const crossOrigin = requestHeader(event, 'origin', 'Origin') !== undefined;
    return {
      source,
      status,
      headers: errorHeaders(format, contract, retry, crossOrigin),
      body: JSON.stringify(errorBody(format, status, contract)),
    };
  };

  return {
    ready: openTelemetry ? loadOpenTelemetry : () => undefined,

    answer(thrown, event, context, kind = 'uncaught_error') {
      const source = eventSourceOf(event);
      if (source === undefined) return undefined;
      const problems: ClassifyProblem[] = [];
      const classification = classify(thrown, rules, retryAfter, problems);
      const ids = { traceId: traceId(event), requestId: requestIdFor(context) };
      const error = describeError(thrown, redact);
      const { status } = classification;
      // A rule's code goes to the client, the log line and a metric dimension: redacted too.
      const code = redact.text(classification.code);
      // From the redacted description: no secret is an input of the hash.
      const grouped = fingerprintOf({
        thrown,
        event,
        error,
        status,
        code,
        root,
        custom: customFingerprint,
      });
      const incident: Incident = {
        status,
        code,
        kind,
        eventSource: source,
        ...ids,
        fingerprint: grouped.fingerprint,
        fingerprintVersion: FINGERPRINT_VERSION,
        error,
      };
      const noted = problems.map(({ rule, reason }) => `rules[${rule}]: ${reason}`);
      if (grouped.problem !== undefined) noted.push(grouped.problem);
      if (noted.length > 0) incident.problems = noted.map(redact.text);
      report(reporters, incident);
      if (onIncident !== undefined) {
        const key = keyOf(context);
        const running = runHook(onIncident, incident, context, hookReport);
        const earlier = hooks.get(key);
        hooks.set(
          key,
          earlier === undefined ? running : Promise.all([earlier, running]).then(() => undefined),
        );
      }
      const message = clientMessage(classification, thrown, redact.text);
      const contract = { error: code, message, ...ids };
      return build(source, event, classification.status, contract, classification.retryAfter);
    },

    settle(context) {
      const key = keyOf(context);
      const running = hooks.get(key);
      hooks.delete(key);
      return running;
    },

    maintenance(event, context) {
      if (window === undefined) return undefined;
      const seconds = window.secondsLeft();
      if (seconds === undefined) return undefined;
      const source = eventSourceOf(event);
      if (source === undefined) return undefined;
      const ids = { traceId: traceId(event), requestId: requestIdFor(context) };
      // WARN, never ERROR: planned maintenance is not a failure (nor, if the logger breaks, an outage).
      writeLine(logger, 'WARN', 'Maintenance window: answered 503 service_unavailable', {
        status: 503,
        code: 'service_unavailable',
        kind: 'maintenance',
        eventSource: source,
        ...ids,
        retryAfter: seconds,
        maintenanceUntil: window.until.toISOString(),
      });
      const contract = { error: 'service_unavailable', message: window.message, ...ids };
      return build(source, event, 503, contract, seconds);
    },
  };
};
