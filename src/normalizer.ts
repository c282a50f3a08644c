/**
 * The framework-free core every door shares: from a thrown value, the event and the Lambda
 * context to the answer, or `undefined` for "not ours: re-throw". It logs, traces and counts
 * the failure once per call; the doors (Middy, the Powertools Router, a plain wrapper) only
 * decide when to call it and how to hand the answer back.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { type ClassifyProblem, classify, retryAfterSeconds } from './core/classify.js';
import { defaultRules } from './core/default-rules.js';
import { describeError } from './core/describe-error.js';
import { eventSourceOf, type HttpEventSource, requestHeader } from './core/event-source.js';
import {
  FINGERPRINT_VERSION,
  fingerprintMemo,
  fingerprintOf,
  projectRoot,
} from './core/fingerprint.js';
import type { ErrorNormalizerOptions } from './core/options.js';
import { compileRedaction } from './core/redact/index.js';
import {
  clientMessage,
  type ErrorAnswer,
  type ErrorResponseBody,
  errorHeaders,
} from './core/respond.js';
import { isTraceId, requestIdFor, traceIdFor } from './core/trace-id.js';
import { type OptionCheck, validateOptions } from './core/validate-options.js';
import { type Complain, complainer } from './report/complain.js';
import { writeLine } from './report/log-line.js';
import { runHook } from './report/on-incident.js';
import { report } from './report/report.js';
import { guardTracer } from './report/tracer-guard.js';
import type { ErrorLogger, Incident } from './report/types.js';

/** Why the request failed, as the log line's `kind` says. */
export type FailureKind = Incident['kind'];

/** What the doors call. */
export interface NormalizerCore {
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
  /** Says a door's own trouble on stderr, once per kind, with the reporters' record. */
  complain: Complain;
  /** The logger the core writes to: the `logger` option, or a Powertools Logger of its own. */
  logger: ErrorLogger;
  /** Redacts a text by the `redaction` option, as every string of a log line is. */
  redactText(text: string): string;
}

/** The key of hook deliveries when the context is not an object (tests, scripts). */
const NO_CONTEXT = {};

const JSON_TYPE = 'application/json';

/**
 * Validates `options` once and builds the core; `door` names the adapter in error messages, and
 * `doorChecks` validates the options only that door takes (the core ignores them).
 */
export const createCore = (
  options: ErrorNormalizerOptions = {},
  door = 'errorNormalizer',
  doorChecks: Readonly<Record<string, OptionCheck>> = {},
): NormalizerCore => {
  validateOptions(options, door, doorChecks);
  const logger = options.logger ?? new Logger();
  const { tracer, metrics } = options;
  const rules = options.rules ?? defaultRules;
  const retryAfter = retryAfterSeconds(options.retryAfterSeconds) ?? 1;
  const { problemDetails: format, openTelemetry: spans, maintenance: window } = options;
  const redact = compileRedaction(options.redaction);
  const complain = complainer();
  if (tracer !== undefined) guardTracer(tracer, redact, complain);
  const reporters = { logger, complain, tracer, metrics, spans };
  const root = projectRoot();
  const remembered = fingerprintMemo();
  const { onIncident, fingerprint: customFingerprint } = options;
  const hookReport = {
    logger,
    complain,
    describe: (thrown: unknown) => describeError(thrown, redact),
  };
  const hooks = new WeakMap<object, Promise<void>>();
  const keyOf = (context: unknown): object =>
    typeof context === 'object' && context !== null ? context : NO_CONTEXT;

  // A reporter is pluggable: only a well-formed id of its reaches the client, and a throw none.
  const spanTraceId =
    spans === undefined
      ? undefined
      : () => {
          try {
            const id = spans.traceId();
            return isTraceId(id) ? id : undefined;
          } catch {
            return undefined;
          }
        };
  const traceId = (event: unknown): string | null => traceIdFor(event, spanTraceId);

  // The JSON contract, unless the format the client prefers renders it (a throw falls back).
  const render = (event: unknown, status: number, contract: ErrorResponseBody) => {
    if (format !== undefined) {
      try {
        if (format.preferredBy(requestHeader(event, 'accept', 'Accept'))) {
          return { type: format.contentType, body: JSON.stringify(format.body(status, contract)) };
        }
      } catch {
        // The answer must go out: the contract it is.
      }
    }
    return { type: JSON_TYPE, body: JSON.stringify(contract) };
  };

  const build = (
    source: HttpEventSource,
    event: unknown,
    status: number,
    contract: ErrorResponseBody,
    retry: number | undefined,
  ): ErrorAnswer => {
    const { type, body } = render(event, status, contract);
    const crossOrigin = requestHeader(event, 'origin', 'Origin') !== undefined;
    return { source, status, headers: errorHeaders(type, contract, retry, crossOrigin), body };
  };

  return {
    complain,
    logger,
    redactText: redact.text,

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
        memo: remembered,
      });
      const noted = problems.map(({ rule, reason }) => `rules[${rule}]: ${reason}`);
      if (grouped.problem !== undefined) noted.push(grouped.problem);
      // In the order of the log line, whose last field is the error (the longest to read).
      const incident: Incident = {
        status,
        code,
        kind,
        eventSource: source,
        ...ids,
        fingerprint: grouped.fingerprint,
        fingerprintVersion: FINGERPRINT_VERSION,
        ...(noted.length > 0 ? { problems: noted.map(redact.text) } : undefined),
        error,
      };
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
      const open = window?.open();
      if (open === undefined) return undefined;
      const source = eventSourceOf(event);
      if (source === undefined) return undefined;
      const ids = { traceId: traceId(event), requestId: requestIdFor(context) };
      // WARN, never ERROR: planned maintenance is not a failure (nor, if the logger breaks, an outage).
      writeLine(reporters, 'WARN', 'Maintenance window: answered 503 service_unavailable', {
        status: 503,
        code: 'service_unavailable',
        kind: 'maintenance',
        eventSource: source,
        ...ids,
        retryAfter: open.secondsLeft,
        maintenanceUntil: open.until.toISOString(),
      });
      const contract = { error: 'service_unavailable', message: open.message, ...ids };
      return build(source, event, 503, contract, open.secondsLeft);
    },
  };
};
