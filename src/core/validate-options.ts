/**
 * Checks the options of every door once, at construction, so a typo or a wrong type fails the
 * cold start with a message that says what to fix, instead of failing the first error path.
 */

import type { ErrorNormalizerOptions } from './options.js';
import { isRecord } from './read.js';

/** How one option is checked: a test, and what the value must be (for the message). */
export type OptionCheck = readonly [valid: (value: unknown) => boolean, expected: string];

export const hasMethods =
  (...methods: string[]) =>
  (value: unknown): boolean =>
    isRecord(value) && methods.every((method) => typeof value[method] === 'function');

const arrayOf =
  (valid: (item: unknown) => boolean) =>
  (value: unknown): boolean =>
    Array.isArray(value) && value.every(valid);

const isRedaction = (value: unknown): boolean =>
  value === false ||
  (isRecord(value) &&
    Object.keys(value).every((key) => ['patterns', 'keys', 'defaults'].includes(key)) &&
    (value.patterns === undefined ||
      arrayOf(
        (rule) => rule instanceof RegExp || (isRecord(rule) && rule.pattern instanceof RegExp),
      )(value.patterns)) &&
    (value.keys === undefined || arrayOf((key) => typeof key === 'string')(value.keys)) &&
    (value.defaults === undefined || typeof value.defaults === 'boolean'));

const CHECKS: Record<keyof ErrorNormalizerOptions, OptionCheck> = {
  logger: [hasMethods('error', 'warn'), 'a Powertools Logger'],
  tracer: [hasMethods('isTracingEnabled', 'getSegment'), 'a Powertools Tracer'],
  metrics: [hasMethods('singleMetric'), 'a Powertools Metrics'],
  // The features are built by their entry points; a value of the 0.1 form (true, '15m') gets
  // the import that replaced it.
  openTelemetry: [
    hasMethods('traceId', 'record'),
    "openTelemetry() from 'lambda-error-normalizer/opentelemetry'",
  ],
  maintenance: [
    hasMethods('open'),
    "maintenance() from 'lambda-error-normalizer/maintenance' (maintenance('15m') for a fixed end)",
  ],
  rules: [arrayOf((rule) => typeof rule === 'function'), 'an array of rule functions'],
  retryAfterSeconds: [
    (value) => Number.isInteger(value) && (value as number) >= 0,
    'a whole number >= 0',
  ],
  problemDetails: [
    (value) =>
      hasMethods('preferredBy', 'body')(value) &&
      typeof (value as Record<string, unknown>).contentType === 'string',
    "problemDetails() from 'lambda-error-normalizer/problem-details'",
  ],
  redaction: [isRedaction, 'false or { patterns?, keys?: string[], defaults?: boolean }'],
  fingerprint: [
    (value) => typeof value === 'function',
    'a function (error, event) => string | string[]',
  ],
  onIncident: [
    (value) => typeof value === 'function',
    'a function (incident, context) => void | Promise<void>',
  ],
};

const shown = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : typeof value;

/**
 * Throws a `TypeError` naming the first invalid option and what it must be; `extra` holds the
 * checks of the options only `door` takes (the Middy door's `streaming`).
 */
export function validateOptions(
  options: unknown,
  door = 'errorNormalizer',
  extra: Readonly<Record<string, OptionCheck>> = {},
): asserts options is ErrorNormalizerOptions {
  const checks: Readonly<Record<string, OptionCheck>> = { ...CHECKS, ...extra };
  if (!isRecord(options)) {
    throw new TypeError(`${door}: options must be an object, got ${shown(options)}`);
  }
  for (const [key, value] of Object.entries(options)) {
    const check = checks[key];
    if (check === undefined) {
      throw new TypeError(
        `${door}: unknown option "${key}"; known options are ${Object.keys(checks).join(', ')}`,
      );
    }
    if (value !== undefined && !check[0](value)) {
      throw new TypeError(`${door}: "${key}" must be ${check[1]}, got ${shown(value)}`);
    }
  }
}
