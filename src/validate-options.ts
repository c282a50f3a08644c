/**
 * Checks `errorNormalizer()` options once, at construction, so a typo or a wrong type fails the
 * cold start with a message that says what to fix, instead of failing the first error path.
 */
import type { ErrorNormalizerOptions } from './middleware.js';

const KNOWN = [
  'logger',
  'tracer',
  'rules',
  'retryAfterSeconds',
  'problemDetails',
  'redaction',
] as const;

const fail = (message: string): never => {
  throw new TypeError(`errorNormalizer: ${message}`);
};

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;

const hasMethods = (value: unknown, methods: readonly string[]): boolean =>
  typeof value === 'object' &&
  value !== null &&
  methods.every((method) => typeof (value as Record<string, unknown>)[method] === 'function');

/** Throws a `TypeError` naming the first invalid option. */
export function validateOptions(options: unknown): asserts options is ErrorNormalizerOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    fail(`options must be an object, got ${describe(options)}`);
  }
  const given = options as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!(KNOWN as readonly string[]).includes(key)) {
      fail(`unknown option "${key}"; known options are ${KNOWN.join(', ')}`);
    }
  }
  const { logger, tracer, rules, retryAfterSeconds, problemDetails, redaction } = given;
  if (logger !== undefined && !hasMethods(logger, ['error', 'warn'])) {
    fail('"logger" must be a Powertools Logger (an object with error() and warn())');
  }
  if (tracer !== undefined && !hasMethods(tracer, ['isTracingEnabled', 'getSegment'])) {
    fail(
      '"tracer" must be a Powertools Tracer (an object with isTracingEnabled() and getSegment())',
    );
  }
  if (rules !== undefined) {
    if (!Array.isArray(rules))
      fail(`"rules" must be an array of functions, got ${describe(rules)}`);
    (rules as unknown[]).forEach((rule, index) => {
      if (typeof rule !== 'function') {
        fail(`"rules[${index}]" must be a function (error) => classification | undefined`);
      }
    });
  }
  if (
    retryAfterSeconds !== undefined &&
    !(Number.isInteger(retryAfterSeconds) && (retryAfterSeconds as number) >= 0)
  ) {
    fail(
      `"retryAfterSeconds" must be a whole number of seconds >= 0, got ${String(retryAfterSeconds)}`,
    );
  }
  if (problemDetails !== undefined && typeof problemDetails !== 'boolean') {
    fail(`"problemDetails" must be a boolean, got ${describe(problemDetails)}`);
  }
  if (redaction !== undefined && redaction !== false) {
    if (typeof redaction !== 'object' || redaction === null) {
      fail(`"redaction" must be false or an object, got ${describe(redaction)}`);
    }
    const { patterns, keys, defaults } = redaction as Record<string, unknown>;
    if (patterns !== undefined) {
      if (!Array.isArray(patterns)) fail('"redaction.patterns" must be an array');
      (patterns as unknown[]).forEach((rule, index) => {
        const pattern = rule instanceof RegExp ? rule : (rule as { pattern?: unknown })?.pattern;
        if (!(pattern instanceof RegExp)) {
          fail(
            `"redaction.patterns[${index}]" must be a RegExp or { pattern: RegExp, replacement? }`,
          );
        }
      });
    }
    if (keys !== undefined && !(Array.isArray(keys) && keys.every((k) => typeof k === 'string'))) {
      fail('"redaction.keys" must be an array of strings');
    }
    if (defaults !== undefined && typeof defaults !== 'boolean') {
      fail('"redaction.defaults" must be a boolean');
    }
  }
}
