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

/** What joins a key to its value: `:`, `=` (or `=>`) or their percent escapes. */
const SEPARATOR = /[:=]|%3[DdAa]/g;
/** The spaces between a separator and its value. */
const SPACES = /[ \t]{0,16}/y;
/** An unquoted value: up to a delimiter of any of the encodings above (longer: `bareEnd`). */
const BARE_VALUE = /[^\s,;&"'`<>{}[\]()\\]{1,4096}/y;
const BARE_DELIMITERS = ' \t\n\r\f\v,;&"\'`<>{}[]()\\';
/** Where a percent-encoded value ends: an encoded `&`, `;`, `,`, space or quote. */
const PERCENT_END = /%(?:26|3[Bb]|2[Cc]|20|22)/;
/** Authorization schemes, kept in front of the redacted credentials. */
const AUTH_SCHEME = /(?:Bearer|Basic|Digest|Token|Negotiate|NTLM|AWS4-HMAC-SHA256)[ \t]{1,8}/iy;
/** Header names whose whole line is secret (every cookie of it, every part of the credentials). */
const LINE_KEYS = /^(?:set-?cookie|cookie|authorization|proxy-authorization)$/i;

/** Whether the value at `at` was redacted already (by a token rule, or a URI's `***`). */
const alreadyRedacted = (text: string, at: number): boolean =>
  text.startsWith(REDACTED, at) || text.startsWith('***', at);

/** The end of the line `at` is on (a raw or an escaped line break). */
const lineEnd = (text: string, at: number): number => {
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
    if (c === 92 && (text[i + 1] === 'n' || text[i + 1] === 'r' || text[i + 1] === '"')) return i;
  }
  return text.length;
};

/** Where an unquoted value that filled `BARE_VALUE`'s bound really ends. */
const bareEnd = (text: string, at: number): number => {
  let i = at;
  while (i < text.length && !BARE_DELIMITERS.includes(text[i] as string) && text[i] !== '\u00a0')
    i++;
  return i;
};

/**
 * Where a JSON object or array opened at `open` closes: brackets are counted outside strings,
 * whose quotes are preceded by at most `level` backslashes (the depth of escaping the key was
 * written at). Unbalanced, it runs to the end of the text: over-redaction, not a leak.
 */
const structureEnd = (text: string, open: number, level: number): number => {
  let depth = 0;
  let quoted = false;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      let before = 0;
      while (before <= level && text.charCodeAt(i - 1 - before) === 92) before++;
      if (before <= level) quoted = !quoted;
    } else if (!quoted && (c === 123 || c === 91)) depth++;
    else if (!quoted && (c === 125 || c === 93) && --depth === 0) return i + 1;
  }
  return text.length;
};

/**
 * The end of a quoted value opened at `open` by `slashes` backslashes and `quote`: the first
 * same quote preceded by at most as many backslashes (deeper quotes belong to the content).
 * An unclosed quote ends at the end of its line.
 */
const quotedEnd = (text: string, contentStart: number, slashes: number, quote: number): number => {
  for (let at = contentStart; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (c === 10 || c === 13) return at;
    if (c !== quote) continue;
    let before = 0;
    while (before <= slashes && text.charCodeAt(at - 1 - before) === 92) before++;
    if (before <= slashes) return at - before;
  }
  return text.length;
};

interface Span {
  start: number;
  end: number;
}

/**
 * Where the value at `at` is, or `undefined` when there is nothing to redact there. `level` is
 * how many backslashes escaped the key's closing quote (0 for plain JSON).
 */
const valueAt = (
  text: string,
  at: number,
  key: string,
  percent: boolean,
  level: number,
): Span | undefined => {
  if (at >= text.length) return undefined;
  let slashes = 0;
  while (slashes < 16 && text.charCodeAt(at + slashes) === 92) slashes++;
  const quote = text[at + slashes];
  if (quote === '"' || quote === "'") {
    const start = at + slashes + 1;
    const end = quotedEnd(text, start, slashes, quote.charCodeAt(0));
    return end > start ? { start, end } : undefined;
  }
  if (LINE_KEYS.test(key)) {
    AUTH_SCHEME.lastIndex = at;
    const start = AUTH_SCHEME.exec(text) === null ? at : AUTH_SCHEME.lastIndex;
    // The whole line goes, even after a token rule's `[REDACTED]` (`Digest username="…", response="…"`).
    const end = lineEnd(text, start);
    return end > start ? { start, end } : undefined;
  }
  if (alreadyRedacted(text, at)) return undefined;
  // `"password":["…"]`, `"credentials":{"value":"…"}`: a secret's whole structure goes.
  const open = text.charCodeAt(at);
  if (open === 123 || open === 91) return { start: at, end: structureEnd(text, at, level) };
  BARE_VALUE.lastIndex = at;
  let bare = BARE_VALUE.exec(text)?.[0];
  if (bare === undefined) return undefined;
  if (bare.length === 4_096) bare = text.slice(at, bareEnd(text, at + bare.length));
  // `authorization=Bearer [REDACTED]`: the scheme stays, the token rule took the credentials.
  if (/^(?:Bearer|Basic|Digest|Token)$/i.test(bare)) return undefined;
  const cut = percent ? bare.search(PERCENT_END) : -1;
  return { start: at, end: at + (cut > 0 ? cut : bare.length) };
};

const isKeyChar = (c: number): boolean =>
  (c >= 48 && c <= 57) ||
  (c >= 65 && c <= 90) ||
  (c >= 97 && c <= 122) ||
  c === 95 || // _
  c === 46 || // .
  c === 45 || // -
  c === 91 || // [
  c === 93; // ]

/**
 * The key that ends before the separator at `at`, read backwards: spaces, a closing quote
 * (escaped at any depth), then at most 128 key characters, never before `floor`.
 */
const keyBefore = (text: string, at: number, floor: number): string | undefined => {
  let i = at;
  for (let n = 0; n < 16 && i > floor && (text[i - 1] === ' ' || text[i - 1] === '\t'); n++) i--;
  if (i > floor && (text[i - 1] === '"' || text[i - 1] === "'")) i--;
  // `%22password%22%3A…`: percent-encoded JSON closes its key with an encoded quote.
  else if (i - 3 >= floor && /^%2[27]$/.test(text.slice(i - 3, i))) i -= 3;
  for (let n = 0; n < 16 && i > floor && text.charCodeAt(i - 1) === 92; n++) i--;
  const end = i;
  while (i > floor && end - i < 128) {
    const c = text.charCodeAt(i - 1);
    // `%5B`/`%5D`: the percent-encoded brackets of a nested form key.
    const bracket = c === 37 && text[i] === '5' && /[BbDd]/.test(text[i + 1] ?? '');
    if (!isKeyChar(c) && !bracket) break;
    // The encoded quote that opens a percent-encoded JSON key is not part of it.
    if (c === 50 && i - 3 >= floor && /^%2[27]$/.test(text.slice(i - 3, i))) break;
    i--;
  }
  return i < end ? text.slice(i, end) : undefined;
};

/** How many backslashes escape the quote that closes the key before `at` (0: plain JSON). */
const keyQuoteLevel = (text: string, at: number): number => {
  let i = at;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t') && at - i < 16) i--;
  if (text[i - 1] !== '"') return 0;
  let level = 0;
  while (level < 16 && text.charCodeAt(i - 2 - level) === 92) level++;
  return level;
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
    if (key === undefined || !isSecret(key)) continue;
    SPACES.lastIndex =
      SEPARATOR.lastIndex + (mark[0] === '=' && text[SEPARATOR.lastIndex] === '>' ? 1 : 0);
    SPACES.exec(text);
    const level = keyQuoteLevel(text, mark.index);
    const value = valueAt(text, SPACES.lastIndex, key, mark[0].length === 3, level);
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
  BARE_VALUE,
  PERCENT_END,
  AUTH_SCHEME,
  LINE_KEYS,
];
