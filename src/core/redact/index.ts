/**
 * Secrets out of logs, traces, metrics and answers. Errors carry connection strings, keys and
 * tokens into places far more people can read than the systems they unlock. Every string of a
 * described error (message, name, code, fault, stack, field keys and values, the whole cause
 * chain) and the message an exposed error shows its caller are redacted, keeping the shape an
 * operator needs: `postgres://app:***@db.internal:5432/app`, `password=[REDACTED]`.
 *
 * The parts, one job each: `keys.ts` (which key names are secret), `tokens.ts` (the one table of
 * token families), `structure.ts` (pairs in every encoding), `rules.ts` (the built-in rules),
 * `prefilter.ts` (the keyword pass that lets plain text skip them), `word-finder.ts` (how that
 * pass looks for keywords).
 */
import type { DescribedError, DescribeRedaction } from '../describe-error.js';
import { boundedMemo, lazy } from '../memo.js';
import { secretKeyJudge } from './keys.js';
import { REDACTED } from './marks.js';
import { buildPrefilter } from './prefilter.js';
import { BUILT_IN_RULES } from './rules.js';
import { redactPairs } from './structure.js';

export { REDACTED } from './marks.js';

/**
 * A redaction rule: every match of `pattern` is replaced by `replacement`.
 * @example
 * ```ts
 * const orderIds: RedactionPattern = { pattern: /ord_[0-9]{8}/, replacement: 'ord_***' };
 * ```
 */
export interface RedactionPattern {
  /** Matched globally whatever its flags (`g` is added, `y` dropped). */
  pattern: RegExp;
  /**
   * Replacement string, `$1`-style references allowed.
   * @default '[REDACTED]'
   */
  replacement?: string;
}

/**
 * Options of the `redaction` option of every door.
 * @example
 * ```ts
 * errorNormalizer({ logger, redaction: { patterns: [/ord_[0-9]{8}/], keys: ['pin'] } });
 * ```
 */
export interface RedactionOptions {
  /**
   * Extra patterns, applied after the built-in ones to every redacted string. A bare RegExp is
   * replaced by `[REDACTED]`. Matched globally whatever their flags.
   * @default []
   */
  patterns?: ReadonlyArray<RegExp | RedactionPattern>;
  /**
   * Extra key names whose values are always redacted: as fields of the error and as pairs in
   * its text (`pin=4242`, `"pin":"4242"`), matched like the built-in names (any case, `_`, `-`
   * and camelCase alike).
   * @default []
   */
  keys?: readonly string[];
  /**
   * Keep the built-in rules and key names.
   * @default true
   */
  defaults?: boolean;
}

/**
 * Redacts a described error (returning a redacted copy), and, through its methods, any text:
 * what `describeError()` applies to each string before cutting it.
 */
export interface Redactor extends DescribeRedaction {
  (described: DescribedError): DescribedError;
}

/** Where the frames of a V8 stack start, after its `Name: message` header (of any length). */
const FRAMES_START = '\n    at ';
/**
 * The built-in rules' answers for recent texts. Texts repeat: one throw site, one frames text,
 * one message, one name, under error after error, and the prefilter alone costs about 0.5
 * microseconds per short text. Bounded in entries and in the length of a text kept.
 */
const MAX_CACHED_TEXTS = 128;
const MAX_CACHED_TEXT_CHARS = 4_096;

/** A user pattern as a global one without `y`: the same matches whatever flags it came with. */
const normalisePattern = (pattern: RegExp): RegExp =>
  new RegExp(pattern.source, `${pattern.flags.replace(/[gy]/g, '')}g`);

const compileUserPattern = (rule: RegExp | RedactionPattern): ((text: string) => string) => {
  const pattern = normalisePattern(rule instanceof RegExp ? rule : rule.pattern);
  const replacement = rule instanceof RegExp ? REDACTED : (rule.replacement ?? REDACTED);
  return (text) => text.replace(pattern, replacement);
};

const identity: Redactor = Object.assign((described: DescribedError) => described, {
  text: (text: string) => text,
  stack: (stack: string) => stack,
  secretKey: () => false,
});

/** Builds the redactor once, at middleware construction. `false` turns redaction off. */
export const compileRedaction = (options: RedactionOptions | false | undefined): Redactor => {
  if (options === false) return identity;
  const defaults = options?.defaults ?? true;
  const userKeys = options?.keys ?? [];
  const userRules = (options?.patterns ?? []).map(compileUserPattern);
  const secretKey = secretKeyJudge(defaults, userKeys);
  // Built by the first text to redact: a cold start that answers no error never pays for it.
  const prefilter = lazy(() => buildPrefilter(defaults ? userKeys : []));
  const hasUserKeys = userKeys.length > 0;

  const scan = (text: string): string => {
    if (defaults ? !prefilter()(text) : !hasUserKeys) return text;
    // Without the defaults, the user's keys still apply to the pairs of the text.
    if (!defaults) return redactPairs(text, secretKey);
    let out = text;
    for (const rule of BUILT_IN_RULES) out = rule.run(out, secretKey);
    return out;
  };
  // The rules are pure functions of the text, so a remembered answer is the answer.
  const remember = boundedMemo<string>(MAX_CACHED_TEXTS);
  const builtIn = (text: string): string =>
    text.length > MAX_CACHED_TEXT_CHARS ? scan(text) : remember(text, () => scan(text));
  const withUserRules = (text: string): string => {
    let out = text;
    for (const rule of userRules) out = rule(out);
    return out;
  };
  const text = (raw: string): string => withUserRules(builtIn(raw));

  // No built-in rule takes a secret across the start of the frames (`\n    at `: a line break,
  // then a word too short for a token), so header and frames are redacted apart, and the frames
  // text of one throw site is remembered. User rules, which could match anything, still see the
  // whole stack.
  const stack = (raw: string): string => {
    const start = raw.indexOf(FRAMES_START);
    if (start < 0) return text(raw);
    const header = raw.slice(0, start);
    const frames = raw.slice(start);
    const safeHeader = builtIn(header);
    const safeFrames = builtIn(frames);
    return withUserRules(
      safeHeader === header && safeFrames === frames ? raw : safeHeader + safeFrames,
    );
  };

  const redactDescribed = (described: DescribedError): DescribedError => {
    const out: DescribedError = {
      ...described,
      name: text(described.name),
      message: text(described.message),
    };
    if (described.stack !== undefined) out.stack = stack(described.stack);
    if (described.code !== undefined) out.code = text(described.code);
    if (described.fault !== undefined) out.fault = text(described.fault);
    if (described.fields !== undefined) {
      out.fields = Object.fromEntries(
        Object.entries(described.fields).map(([key, value]) => [
          text(key),
          secretKey(key) ? REDACTED : typeof value === 'string' ? text(value) : value,
        ]),
      );
    }
    if (described.cause !== undefined) out.cause = redactDescribed(described.cause);
    if (described.errors !== undefined) out.errors = described.errors.map(redactDescribed);
    return out;
  };
  return Object.assign(redactDescribed, { text, stack, secretKey });
};
