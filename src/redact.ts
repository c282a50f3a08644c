/**
 * Secrets out of logs. Errors carry connection strings, keys and tokens into log lines that
 * far more people can read than the systems they unlock. Every string of a described error
 * (message, stack, fields, the whole cause chain) is redacted before it is logged, keeping the
 * shape an operator needs: `postgres://app:***@db.internal:5432/app`, `password=[REDACTED]`.
 */
import type { DescribedError } from './describe-error.js';

/** A redaction rule: every match of `pattern` is replaced by `replacement`. */
export interface RedactionPattern {
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

interface CompiledPattern {
  pattern: RegExp;
  replace: string | ((match: string, ...groups: string[]) => string);
}

/** The built-in rules, most specific first (a JWT is also a `token=` value). */
const DEFAULT_PATTERNS: readonly CompiledPattern[] = [
  // Credentials in URIs: keep scheme, user, host; hide the password.
  { pattern: /\b([a-z][a-z0-9+.-]{1,30}:\/\/[^\s:/@]*):[^\s@/]+@/gi, replace: '$1:***@' },
  // JSON Web Tokens.
  { pattern: /\beyJ[\w-]{2,}\.eyJ[\w-]{2,}\.[\w-]*/g, replace: REDACTED },
  // HTTP authorization schemes.
  { pattern: /\b(Bearer|Basic|Digest|Token)\s+[\w\-.~+/]{8,}=*/gi, replace: `$1 ${REDACTED}` },
  // AWS access key ids.
  { pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, replace: REDACTED },
  // AWS secret access keys (and other 40-character base64 secrets).
  {
    pattern: /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    replace: looksLikeSecretKey,
  },
  // key=value, key: value and "key":"value" pairs whose key names a secret. A key starts
  // only where a word starts (the lookbehind), which keeps this linear on long runs of text.
  {
    pattern: /(?<![\w.-])([\w.-]+)(["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;&"'}\])]+)/g,
    replace: (match: string, key: string, separator: string, value: string) => {
      // `Authorization: Bearer [REDACTED]` keeps its scheme: the token was redacted above.
      if (!SECRET_KEY.test(key) || AUTH_SCHEME.test(value)) return match;
      const quote = value[0] === '"' || value[0] === "'" ? value[0] : '';
      return `${key}${separator}${quote}${REDACTED}${quote}`;
    },
  },
];

/**
 * Any substring a built-in rule needs to match. A string without one of them cannot hold a
 * built-in secret, so it skips the rules: the common case costs one scan.
 */
const DEFAULT_TRIGGER = new RegExp(
  `://|eyJ|bearer|basic|digest|token|AKIA|ASIA|ABIA|ACCA|[A-Za-z0-9/+]{40}|${SECRET_KEY_WORDS.join('|')}`,
  'i',
);

const toGlobal = (pattern: RegExp): RegExp =>
  pattern.flags.includes('g') ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);

const compileUserPattern = (rule: RegExp | RedactionPattern): CompiledPattern =>
  rule instanceof RegExp
    ? { pattern: toGlobal(rule), replace: REDACTED }
    : { pattern: toGlobal(rule.pattern), replace: rule.replacement ?? REDACTED };

/** Builds the redactor once, at middleware construction. `false` turns redaction off. */
export const compileRedaction = (options: RedactionOptions | false | undefined): Redactor => {
  if (options === false) return (described) => described;
  const defaults = options?.defaults ?? true;
  const userPatterns = (options?.patterns ?? []).map(compileUserPattern);
  const userKeys = new Set((options?.keys ?? []).map((key) => key.toLowerCase()));

  const redactString = (text: string): string => {
    let out = text;
    if (defaults && DEFAULT_TRIGGER.test(out)) {
      for (const { pattern, replace } of DEFAULT_PATTERNS) {
        out = out.replace(pattern, replace as string);
      }
    }
    for (const { pattern, replace } of userPatterns) out = out.replace(pattern, replace as string);
    return out;
  };

  const isSecretKey = (key: string): boolean =>
    (defaults && SECRET_KEY.test(key)) || userKeys.has(key.toLowerCase());

  const redactDescribed = (described: DescribedError): DescribedError => {
    const out: DescribedError = { ...described, message: redactString(described.message) };
    if (described.stack !== undefined) out.stack = redactString(described.stack);
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
