/**
 * Secrets by structure: the values of keys that name a secret, in every encoding errors carry
 * them: `key=value` and `key: value`, JSON, JSON escaped inside a string at any depth
 * (`\"password\":\"…\"`), form and nested form keys (`user[password]=…`), percent-encoded pairs
 * (`password%3D…%26`), header lines (`Cookie: a=1; sid=2` to the end of the line), quoted values
 * to their real closing quote, and an unclosed quote to the end of its line.
 *
 * One forward scan from separator to separator: every key is read back at most 128 characters,
 * and a secret's value is read once, to its real end, and the scan resumes after it, so the cost
 * is linear in the text. A value is never cut at a length bound: the rest of it would be logged.
 */
import { REDACTED } from './marks.js';
import { KEY_PATTERNS, type Key, keyBefore, someName } from './pair-key.js';
import {
  bareEnd,
  enclosedEnd,
  lineEnd,
  percentEnd,
  quotedEnd,
  structureEnd,
  VALUE_END_PATTERNS,
} from './value-end.js';

/** What joins a key to its value: `:`, `=` (or `=>`) or their percent escapes. */
const SEPARATOR = /[:=]|%3[DdAa]/g;
/** The spaces between a separator and its value. */
const SPACES = /[ \t]{0,16}/y;
/** Authorization schemes, kept in front of the redacted credentials. */
const AUTH_SCHEME = /(?:Bearer|Basic|Digest|Token|Negotiate|NTLM|AWS4-HMAC-SHA256)[ \t]{1,8}/iy;
/** Header names whose whole line is secret (every cookie of it, every part of the credentials). */
const LINE_KEYS = /^(?:set-?cookie|cookie|authorization|proxy-authorization)$/i;

/** Whether the value at `at` was redacted already (by a token rule, or a URI's `***`). */
const alreadyRedacted = (text: string, at: number): boolean =>
  text.startsWith(REDACTED, at) || text.startsWith('***', at);

/** Brackets that enclose a whole value (`token=<…>`, `secret=(…)`), and their closers. */
const ENCLOSING: Readonly<Record<string, number>> = { '<': 62, '(': 41 };

interface Span {
  start: number;
  end: number;
}

/** A placeholder in brackets (`(none)`, `<empty>`, `<unset>`): one plain word, no secret. */
const PLACEHOLDER = /^[<(][a-z]{1,12}[>)]$/;

/** Where the value of `key` at `at` is, or `undefined` when there is nothing to redact there. */
const valueAt = (text: string, at: number, key: Key, percent: boolean): Span | undefined => {
  if (at >= text.length) return undefined;
  let slashes = 0;
  while (slashes < 16 && text.charCodeAt(at + slashes) === 92) slashes++;
  const quote = text[at + slashes];
  if (quote === '"' || quote === "'" || quote === '`') {
    const start = at + slashes + 1;
    const end = quotedEnd(text, start, slashes, quote.charCodeAt(0));
    return end > start ? { start, end } : undefined;
  }
  const line = someName(key, (name) => LINE_KEYS.test(name));
  // `"password":["…"]`, `"set-cookie":[…]` over several lines: a secret's whole structure goes,
  // and a header's whole line with it (`Cookie: {} theme=dark; sid=…`).
  const open = text.charCodeAt(at);
  if (open === 123 || open === 91) {
    const end = structureEnd(text, at, key.level);
    return { start: at, end: line ? Math.max(end, lineEnd(text, at)) : end };
  }
  if (line) {
    AUTH_SCHEME.lastIndex = at;
    const start = AUTH_SCHEME.exec(text) === null ? at : AUTH_SCHEME.lastIndex;
    // The whole line goes, even after a token rule's `[REDACTED]` (`Digest username="…", response="…"`).
    const end = lineEnd(text, start);
    return end > start ? { start, end } : undefined;
  }
  if (alreadyRedacted(text, at)) return undefined;
  const closer = ENCLOSING[text[at] ?? ''];
  if (closer !== undefined) {
    const end = enclosedEnd(text, at, closer);
    return PLACEHOLDER.test(text.slice(at, end)) ? undefined : { start: at, end };
  }
  if (percent) {
    const end = percentEnd(text, at);
    return end > at ? { start: at, end } : undefined;
  }
  const end = bareEnd(text, at);
  if (end === at) return undefined;
  // `api_key=Bearer …`: the scheme stays, its credentials go (unless a token rule took them).
  AUTH_SCHEME.lastIndex = at;
  if (AUTH_SCHEME.exec(text) !== null && AUTH_SCHEME.lastIndex > end) {
    const start = AUTH_SCHEME.lastIndex;
    if (alreadyRedacted(text, start)) return undefined;
    const credentials = bareEnd(text, start);
    return credentials > start ? { start, end: credentials } : undefined;
  }
  return { start: at, end };
};

/**
 * Redacts the values of every key `isSecret` accepts. The scan goes from separator to
 * separator (few in ordinary text) and reads each key backwards from its separator, so the
 * value of a harmless key (`Error: apiKey: …`) never hides the next key.
 */
export const redactPairs = (text: string, isSecret: (key: string) => boolean): string => {
  let out = '';
  let copied = 0;
  SEPARATOR.lastIndex = 0;
  for (let mark = SEPARATOR.exec(text); mark !== null; mark = SEPARATOR.exec(text)) {
    const key = keyBefore(text, mark.index, copied);
    if (key === undefined || !someName(key, isSecret)) continue;
    SPACES.lastIndex =
      SEPARATOR.lastIndex + (mark[0] === '=' && text[SEPARATOR.lastIndex] === '>' ? 1 : 0);
    SPACES.exec(text);
    const value = valueAt(text, SPACES.lastIndex, key, mark[0].length === 3);
    if (value === undefined) continue;
    out += `${text.slice(copied, value.start)}${REDACTED}`;
    copied = value.end;
    SEPARATOR.lastIndex = value.end;
  }
  return copied === 0 ? text : out + text.slice(copied);
};

/** Every expression of the scan, for the ReDoS check. */
export const STRUCTURE_PATTERNS: readonly RegExp[] = [
  SEPARATOR,
  SPACES,
  AUTH_SCHEME,
  LINE_KEYS,
  PLACEHOLDER,
  ...VALUE_END_PATTERNS,
  ...KEY_PATTERNS,
];
