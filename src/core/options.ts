/**
 * The options every door takes (`errorNormalizer`, `routerErrorHandler`, `withErrorNormalizer`).
 * Types only: the checks live in `validate-options.ts`, the defaults in `normalizer.ts`. The
 * optional features are values built by their own entry points, so an unused one is not bundled.
 */

import type {
  ErrorLogger,
  ErrorMetrics,
  ErrorSpanReporter,
  ErrorTracer,
  Incident,
} from '../report/types.js';
import type { ErrorRule } from './classify.js';
import type { CustomFingerprint } from './fingerprint.js';
import type { MaintenanceWindow } from './maintenance.js';
import type { RedactionOptions } from './redact/index.js';
import type { ErrorBodyFormat } from './respond.js';

/**
 * Options of every adapter. All are optional.
 * @example
 * ```ts
 * const options: ErrorNormalizerOptions = { logger, tracer, metrics, rules: [quotaRule, ...defaultRules] };
 * ```
 */
export interface ErrorNormalizerOptions {
  /**
   * Powertools Logger that records each failure once (ERROR for 5xx, WARN for 4xx).
   * Default: a new `Logger()` configured by the `POWERTOOLS_*` environment variables.
   * @default `new Logger()`
   */
  logger?: ErrorLogger;
  /**
   * Powertools Tracer. When given and tracing is on, the X-Ray segment of a failed request is
   * marked as a fault (5xx) or an error (4xx) with the redacted error attached, and every error
   * this tracer records (`captureLambdaHandler`, `captureMethod`) is redacted the same way.
   * @default none
   */
  tracer?: ErrorTracer;
  /**
   * Powertools Metrics. When given, each answered error emits one `Errors` datapoint (Count) at
   * once, with the dimensions `code` and `statusClass` (`4xx`/`5xx`) only.
   * @default none
   */
  metrics?: ErrorMetrics;
  /**
   * Records answered errors on the active OpenTelemetry span (exception event, status ERROR for
   * 5xx, `http.response.status_code`, `error.type`, `error.fingerprint`) and answers with the
   * span's trace id when the request has no X-Ray header. Opt-in, so that a handler without
   * OpenTelemetry bundles and loads none of it.
   * @default none
   * @example
   * ```ts
   * import { openTelemetry } from 'lambda-error-normalizer/opentelemetry';
   * errorNormalizer({ logger, openTelemetry: openTelemetry() });
   * ```
   */
  openTelemetry?: ErrorSpanReporter;
  /**
   * Planned maintenance: while the window is open, every HTTP request is answered 503 with
   * `Retry-After` before the handler runs. Opt-in: without it, the
   * `LAMBDA_ERROR_NORMALIZER_MAINTENANCE` variable is not read either.
   * @default none
   * @example
   * ```ts
   * import { maintenance } from 'lambda-error-normalizer/maintenance';
   * withErrorNormalizer(handler, { logger, maintenance: maintenance() }); // reads the variable
   * ```
   */
  maintenance?: MaintenanceWindow;
  /**
   * The classification table, tried in order; the first rule that answers wins, and anything
   * no rule claims is a 500. Default: {@link defaultRules}. Add your own before the defaults:
   * `rules: [myRule, ...defaultRules]`.
   * @default `defaultRules`
   */
  rules?: readonly ErrorRule[];
  /**
   * `Retry-After` seconds for 503 and 429 answers whose rule set none; values over a day
   * (86,400) are answered as a day.
   * @default `1`
   */
  retryAfterSeconds?: number;
  /**
   * Another body format for the clients whose `Accept` prefers it; without it, every answer is
   * the JSON contract.
   * @default none: the JSON contract
   * @example
   * ```ts
   * import { problemDetails } from 'lambda-error-normalizer/problem-details';
   * errorNormalizer({ logger, problemDetails: problemDetails() }); // RFC 9457 on request
   * ```
   */
  problemDetails?: ErrorBodyFormat;
  /**
   * Secret redaction applied to everything logged and traced. Default: the built-in rules.
   * @default the built-in rules
   */
  redaction?: RedactionOptions | false;
  /**
   * Your own grouping key for a failure, instead of the default recipe (docs/fingerprint.md).
   * Called with the thrown value (not redacted) and the event; a string or an array of strings
   * is hashed into the logged `fingerprint` (`'{{ default }}'` in the array stands for the
   * default recipe's inputs); `undefined` keeps the default. An error's own `fingerprint`
   * property (string or array) is used when this option is absent or answers `undefined`.
   * A throw or an invalid answer falls back to the default and is noted in `problems`.
   *
   * @default the default recipe: kind, throw site and message template
   * @example
   * ```ts
   * fingerprint: (error) => (error instanceof DatabaseError ? ['db', error.table] : undefined)
   * ```
   */
  fingerprint?: (error: unknown, event: unknown) => CustomFingerprint | undefined;
  /**
   * Called once per answered failure with the same redacted, fingerprinted incident the log
   * line carries, after it is logged and traced: forward it to your tracker, chat or event bus.
   * The answer waits for it at most the invocation's remaining time less 500 ms, and never more
   * than 3 s; a hook that throws, rejects or hangs is logged once (WARN) and never changes the
   * answer. (A streamed response that fails after its first bytes does not wait for it.)
   *
   * @param incident - a copy of the incident: status, code, kind, ids, fingerprint, error.
   * @param context - the Lambda context of the invocation.
   * @default none
   * @example
   * ```ts
   * onIncident: async (incident) => { await events.send(toPutEvents(incident)); }
   * ```
   */
  onIncident?: (incident: Incident, context: unknown) => void | Promise<void>;
}
