/**
 * Secrets out of X-Ray, whoever records the error. Powertools' `captureLambdaHandler` and
 * `captureMethod` record the raw thrown error on their subsegments through the tracer's
 * `addErrorAsMetadata`; in either order of the middlewares that would put the unredacted text
 * beside ours. So the tracer the app hands us records a redacted copy instead: the thrown value
 * itself is never touched (handlers and other middlewares keep the original, frozen and exotic
 * values stay as they are), and Powertools keeps doing its own job.
 *
 * Powertools' public switch makes the patch unnecessary: with `POWERTOOLS_TRACER_CAPTURE_ERROR`
 * set to `false`, `addErrorAsMetadata` only flags the segment, and the only error text in X-Ray
 * is our redacted one. The tracer is then left as it is. Without the switch the patch stays; it
 * holds for Tracer 2.x from 2.30.2 (test/report/tracer-guard.test.ts pins the installed version).
 */
import { describeError } from '../core/describe-error.js';
import type { Redactor } from '../core/redact/index.js';
import type { Complain } from './complain.js';
import type { ErrorTracer } from './types.js';
import { toXrayError } from './xray.js';

type RecordError = (error: unknown, remote?: boolean) => void;

/**
 * Marks our replacement, so that a tracer shared by several handlers is guarded once: the mark
 * is on the tracer's own method, not in a registry of ours.
 */
const REDACTING = Symbol.for('lambda-error-normalizer.redacting');

/** Whether Powertools' own switch keeps error text out of what its Tracer records. */
export const captureErrorDisabled = (): boolean =>
  process.env.POWERTOOLS_TRACER_CAPTURE_ERROR?.trim().toLowerCase() === 'false';

/**
 * Makes `tracer.addErrorAsMetadata` record redacted errors, once per tracer, unless
 * {@link captureErrorDisabled}. Never throws.
 *
 * @param tracer - the app's Powertools Tracer.
 * @param redact - the redaction to apply to what it records.
 * @param complain - the core's say-once, for a tracer that cannot be guarded.
 */
export const guardTracer = (tracer: ErrorTracer, redact: Redactor, complain: Complain): void => {
  try {
    if (captureErrorDisabled()) return;
    const original = (tracer as { addErrorAsMetadata?: unknown }).addErrorAsMetadata;
    if (typeof original !== 'function' || REDACTING in original) return;
    const record = original as RecordError;
    const redacting: RecordError = function (this: unknown, error, remote) {
      let safe: Error;
      try {
        safe = toXrayError(describeError(error, redact));
      } catch {
        safe = new Error('[error could not be redacted]');
      }
      return record.call(this, safe, remote);
    };
    Object.defineProperty(redacting, REDACTING, { value: true });
    Object.defineProperty(tracer, 'addErrorAsMetadata', {
      value: redacting,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  } catch (error) {
    // A frozen tracer cannot be guarded: say so once, the middleware still redacts its own.
    complain('tracer could not be guarded; Powertools may record unredacted errors', error);
  }
};
