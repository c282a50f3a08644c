/**
 * Secrets out of logs. Errors carry connection strings, keys and tokens into log lines that
 * far more people can read than the systems they unlock. Every string of a described error
 * (message, stack, fields, the whole cause chain) is redacted before it is logged, keeping the
 * shape an operator needs: `postgres://app:***@db.internal:5432/app`, `password=[REDACTED]`.
 */
import type { DescribedError } from './describe-error.js';

/** A redaction rule: every match of `pattern` is replaced by `replacement`. */
export interface RedactionPattern {
  /** What to hide; a global flag is added when missing. */
  pattern: RegExp;
  /** Replacement string, `$1`-style references allowed. Default: `[REDACTED]`. */
  replacement?: string;
}

/** Options of the `redaction` option of `errorNormalizer()`. */
export interface RedactionOptions {
  /** Extra patterns, applied after the built-in ones. A bare RegExp is replaced by `[REDACTED]`. */
  patterns?: ReadonlyArray<RegExp | RedactionPattern>;
  /** Extra field names whose values are always redacted (matched case-insensitively). */
  keys?: readonly string[];
  /** Keep the built-in patterns and keys. Default: `true`. */
  defaults?: boolean;
}

/** Redacts a described error; returns the same object when there was nothing to redact. */
export type Redactor = (described: DescribedError) => DescribedError;

export const REDACTED = '[REDACTED]';

const SECRET_KEY_WORDS = [
  'password',
  'passwd',
  'pwd',
  'secret',
  'token',
  'api[-_]?key',
  'access[-_]?key',
  'private[-_]?key',
  'credential',
  'authorization',
  'cookie',
  'session[-_]?id',
];
const SECRET_KEY = new RegExp(SECRET_KEY_WORDS.join('|'), 'i');

const AUTH_SCHEME = /^(Bearer|Basic|Digest|Token)$/i;

/** A mixed-case 40-character base64 run is the shape of an AWS secret access key. */
const looksLikeSecretKey = (token: string): string =>
  /[A-Z]/.test(token) && /[a-z]/.test(token) && /[0-9/+]/.test(token) ? REDACTED : token;

/** A redaction step: text in, text with its secrets replaced out. */
type Rule = (text: string) => string;

const replacing =
  (pattern: RegExp, replacement: string | ((match: string) => string)): Rule =>
  (text) =>
    text.replace(pattern, replacement as string);

/** The start of a `key=`, `key: ` or `"key":` pair; a key starts only where a word starts. */
const PAIR_KEY = /(?<![\w.-])([\w.-]+)(["']?\s*[:=]\s*)/g;
/** The value of a pair, read right where its key ends. */
const PAIR_VALUE = /"[^"]*"|'[^']*'|[^\s,;&"'}\])]+/y;

/**
 * Redacts the values of pairs whose key names a secret. Keys and values are matched in two
 * steps, so the value of a harmless key (`Error: apiKey: …`) never hides the next key, and the
 * scan stays linear on long runs of text.
 */
const redactPairs: Rule = (text) => {
  let out = '';
  let copied = 0;
  PAIR_KEY.lastIndex = 0;
  for (let key = PAIR_KEY.exec(text); key !== null; key = PAIR_KEY.exec(text)) {
    if (!SECRET_KEY.test(key[1] ?? '')) continue;
    PAIR_VALUE.lastIndex = PAIR_KEY.lastIndex;
    const value = PAIR_VALUE.exec(text)?.[0];
    // `Authorization: Bearer [REDACTED]` keeps its scheme: the token was redacted before.
    if (value === undefined || AUTH_SCHEME.test(value)) continue;
    const quote = value[0] === '"' || value[0] === "'" ? value[0] : '';
    out += `${text.slice(copied, PAIR_KEY.lastIndex)}${quote}${REDACTED}${quote}`;
    copied = PAIR_VALUE.lastIndex;
    PAIR_KEY.lastIndex = copied;
  }
  return copied === 0 ? text : out + text.slice(copied);
};

/** The built-in rules, most specific first (a JWT is also a `token=` value). */
const DEFAULT_RULES: readonly Rule[] = [
  // Credentials in URIs: keep scheme, user, host; hide the password.
  replacing(/\b([a-z][a-z0-9+.-]{1,30}:\/\/[^\s:/@]*):[^\s@/]+@/gi, '$1:***@'),
  // JSON Web Tokens.
  replacing(/\beyJ[\w-]{2,}\.eyJ[\w-]{2,}\.[\w-]*/g, REDACTED),
  // HTTP authorization schemes.
  replacing(/\b(Bearer|Basic|Digest|Token)\s+[\w\-.~+/]{8,}=*/gi, `$1 ${REDACTED}`),
  // AWS access key ids.
  replacing(/\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, REDACTED),
  // AWS secret access keys (and other 40-character base64 secrets).
  replacing(/(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, looksLikeSecretKey),
  redactPairs,
];

/**
 * Any substring a built-in rule needs to match. A string without one of them cannot hold a
 * built-in secret, so it skips the rules: the common case costs one scan.
 */
const DEFAULT_TRIGGER = new RegExp(
  `://[^\\s:/@]*:[^\\s@/]+@|eyJ|bearer|basic|digest|token|AKIA|ASIA|ABIA|ACCA|${SECRET_KEY_WORDS.join('|')}`,
  'i',
);
/**
 * A 40-character base64 run, tried only where a run starts. Unanchored, `[A-Za-z0-9/+]{40}`
 * restarts at every character of every run (file URLs of stack frames are long runs).
 */
const BASE64_RUN = /(?:^|[^A-Za-z0-9/+=])[A-Za-z0-9/+]{40}/;

/** Where the frames of a V8 stack start, after its `Name: message` header (of any length). */
const FRAMES_START = '\n    at ';
/**
 * The redacted frames of recent stacks. Scanning the frames is most of the cost of redaction
 * (two regular expressions over hundreds of characters, for text that almost never holds a
 * secret), and they repeat: one throw site, one frames text. Bounded in entries and in size.
 */
const MAX_CACHED_STACKS = 32;
const MAX_CACHED_FRAMES_CHARS = 4_096;

const toGlobal = (pattern: RegExp): RegExp =>
  pattern.flags.includes('g') ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);

const compileUserPattern = (rule: RegExp | RedactionPattern): Rule =>
  rule instanceof RegExp
    ? replacing(toGlobal(rule), REDACTED)
    : replacing(toGlobal(rule.pattern), rule.replacement ?? REDACTED);

/** Builds the redactor once, at middleware construction. `false` turns redaction off. */
export const compileRedaction = (options: RedactionOptions | false | undefined): Redactor => {
  if (options === false) return (described) => described;
  const defaults = options?.defaults ?? true;
  const userRules = (options?.patterns ?? []).map(compileUserPattern);
  const userKeys = new Set((options?.keys ?? []).map((key) => key.toLowerCase()));

  const redactDefaults = (text: string): string => {
    let out = text;
    if (DEFAULT_TRIGGER.test(out) || BASE64_RUN.test(out)) {
      for (const rule of DEFAULT_RULES) out = rule(out);
    }
    return out;
  };
  const withUserRules = (text: string): string => {
    let out = text;
    for (const rule of userRules) out = rule(out);
    return out;
  };
  const redactString = (text: string): string =>
    withUserRules(defaults ? redactDefaults(text) : text);

  // No default rule can take a secret across the start of the frames (`\n    at `: whitespace,
  // then a word too short for a token), so header and frames are redacted apart, the frames
  // once per distinct text. User rules, which could match anything, still see the whole stack.
  const framesCache = new Map<string, string>();
  const redactFrames = (frames: string): string => {
    if (frames.length > MAX_CACHED_FRAMES_CHARS) return redactDefaults(frames);
    let safe = framesCache.get(frames);
    if (safe === undefined) {
      safe = redactDefaults(frames);
      if (framesCache.size >= MAX_CACHED_STACKS) framesCache.clear();
      framesCache.set(frames, safe);
    }
    return safe;
  };
  const redactStack = (stack: string): string => {
    const start = stack.indexOf(FRAMES_START);
    if (!defaults || start < 0) return redactString(stack);
    const header = stack.slice(0, start);
    const frames = stack.slice(start);
    const safeHeader = redactDefaults(header);
    const safeFrames = redactFrames(frames);
    const safe = safeHeader === header && safeFrames === frames ? stack : safeHeader + safeFrames;
    return withUserRules(safe);
  };

  const isSecretKey = (key: string): boolean =>
    (defaults && SECRET_KEY.test(key)) || userKeys.has(key.toLowerCase());

  const redactDescribed = (described: DescribedError): DescribedError => {
    const out: DescribedError = { ...described, message: redactString(described.message) };
    if (described.stack !== undefined) out.stack = redactStack(described.stack);
    if (described.fields !== undefined) {
      out.fields = Object.fromEntries(
        Object.entries(described.fields).map(([key, value]) => [
          key,
          isSecretKey(key) ? REDACTED : typeof value === 'string' ? redactString(value) : value,
        ]),
      );
    }
    if (described.cause !== undefined) out.cause = redactDescribed(described.cause);
    if (described.errors !== undefined) out.errors = described.errors.map(redactDescribed);
    return out;
  };
  return redactDescribed;
};
