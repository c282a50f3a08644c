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
/** An unquoted value: up to a delimiter of any of the encodings above (read in bounded runs). */
const BARE_VALUE = /[^\s,;&"'`<>{}[\]()\\]{1,4096}/y;
const BARE_RUN = 4_096;
/**
 * Where a percent-encoded value ends: a raw delimiter, or an encoded `&`, `;`, `,`, space or
 * quote. Searched from the value on, so a chain of pairs is read once.
 */
const PERCENT_END = /[\s,;&"'`<>{}[\]()\\]|%(?:26|3[Bb]|2[Cc]|20|22)/g;
/** Where an unquoted value ends at the latest: a raw delimiter. */
const RAW_END = /[\s,;&"'`<>{}[\]()\\]/g;
/** Authorization schemes, kept in front of the redacted credentials. */
const AUTH_SCHEME = /(?:Bearer|Basic|Digest|Token|Negotiate|NTLM|AWS4-HMAC-SHA256)[ \t]{1,8}/iy;
/** Header names whose whole line is secret (every cookie of it, every part of the credentials). */
const LINE_KEYS = /^(?:set-?cookie|cookie|authorization|proxy-authorization)$/i;

/** Whether the value at `at` was redacted already (by a token rule, or a URI's `***`). */
const alreadyRedacted = (text: string, at: number): boolean =>
  text.startsWith(REDACTED, at) || text.startsWith('***', at);

/** Whether what follows an escaped quote at `after` is JSON going on (`,\"next"`, `}`, `]`). */
const jsonGoesOn = (text: string, after: number): boolean => {
  const c = text[after];
  if (c === undefined || c === '}' || c === ']') return true;
  return c === ',' && (text[after + 1] === '"' || text[after + 1] === '\\');
};

/**
 * The end of the line `at` is on: a raw or an escaped line break, or the escaped quote that
 * closes the JSON string holding the line (`…\",\"status\":401`). An escaped quote inside the
 * line (`Cookie: consent=\"yes\"; sid=…`, `Digest username=\"bob\", nonce=…`) is the line's
 * own. The end is the start of the escape's backslashes, at any depth.
 */
const lineEnd = (text: string, at: number): number => {
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
    if (c !== 92) continue;
    const next = text[i + 1];
    if (next === 'n' || next === 'r' || (next === '"' && jsonGoesOn(text, i + 2))) {
      let start = i;
      while (start > at && text.charCodeAt(start - 1) === 92) start--;
      return start;
    }
  }
  return text.length;
};

/** Where the run of value characters at `at` ends: `BARE_VALUE` run after run, to its end. */
const runEnd = (text: string, at: number): number => {
  let end = at;
  for (;;) {
    BARE_VALUE.lastIndex = end;
    const run = BARE_VALUE.exec(text)?.[0].length ?? 0;
    end += run;
    if (run < BARE_RUN) return end;
  }
};

/** A key and its separator (`x=`, `user[id]:`, `sid%3D`): what starts the next pair. */
const NEXT_KEY = /[A-Za-z0-9_.[\]-]{1,128}(?:[:=]|%3[DdAa])/y;

/** Whether the next pair's key starts at `at`. */
const keyAt = (text: string, at: number): boolean => {
  NEXT_KEY.lastIndex = at;
  return NEXT_KEY.test(text);
};

/**
 * Where the unquoted value at `at` ends. Inside it, a quote (`it's`, `ab"cd"ef`) and a `,`,
 * `;` or `&` that the value goes on after (`Tr0ub4dor,horse`) are the value's own: only a
 * delimiter followed by nothing of a value, or by the next `key=`, ends it.
 */
const bareEnd = (text: string, at: number): number => {
  let end = runEnd(text, at);
  while (end > at && end < text.length) {
    const c = text.charCodeAt(end);
    const inner = c === 34 || c === 39 || c === 96; // " ' `
    const list = c === 44 || c === 59 || c === 38; // , ; &
    if (!inner && !list) return end;
    const next = runEnd(text, end + 1);
    if (next === end + 1 || (list && keyAt(text, end + 1))) return end;
    end = next;
  }
  return end;
};

/** Brackets that enclose a whole value (`token=<…>`, `secret=(…)`), and their closers. */
const ENCLOSING: Readonly<Record<string, number>> = { '<': 62, '(': 41 };

/** Where a value enclosed at `at` closes: after its `close`, else at the end of its line. */
const enclosedEnd = (text: string, at: number, close: number): number => {
  const line = lineEnd(text, at);
  for (let i = at + 1; i < line; i++) if (text.charCodeAt(i) === close) return i + 1;
  return line;
};

/** How many backslashes stand right before `at`, counting up to `max + 1`. */
const backslashesBefore = (text: string, at: number, max: number): number => {
  let count = 0;
  while (count <= max && text.charCodeAt(at - 1 - count) === 92) count++;
  return count;
};

/** Whether an encoded quote (`%22`, `%27`) ends just before `at`. */
const encodedQuoteBefore = (text: string, at: number, floor: number): boolean =>
  at - 3 >= floor && /^%2[27]$/.test(text.slice(at - 3, at));

/**
 * Where a JSON object or array opened at `open` closes: brackets are counted outside strings
 * (double-quoted, or single-quoted as `util.inspect` writes them), whose quotes are preceded by
 * at most `level` backslashes (the depth of escaping the key was written at). Unbalanced, it runs to the end of the text: over-redaction, not a leak.
 */
const structureEnd = (text: string, open: number, level: number): number => {
  let depth = 0;
  // The quote of the string the scan is in (0 outside): `"` for JSON, `'` for util.inspect.
  let quote = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39) {
      if ((quote === 0 || quote === c) && backslashesBefore(text, i, level) <= level) {
        quote = quote === 0 ? c : 0;
      }
    } else if (quote === 0 && (c === 123 || c === 91)) depth++;
    else if (quote === 0 && (c === 125 || c === 93) && --depth === 0) return i + 1;
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
    const before = backslashesBefore(text, at, slashes);
    if (before <= slashes) return at - before;
  }
  return text.length;
};

interface Span {
  start: number;
  end: number;
}

/** A key read back from its separator. */
interface Key {
  name: string;
  /** How many backslashes escape its closing `"` (0 for plain JSON or no quote). */
  level: number;
  /** With the word before it, when the key is a noun that names nothing alone (`API key`). */
  wider?: string;
  /** Without its first letter, when that letter may end an escape (`\\ntoken`, `C:\\app\\token`). */
  alt?: string;
}

/** The names a key may be read as. */
const namesOf = (key: Key): string[] => {
  const names = [key.name];
  if (key.alt !== undefined) names.push(key.alt);
  if (key.wider !== undefined) names.push(key.wider);
  return names;
};

/** A placeholder in brackets (`(none)`, `<empty>`, `<unset>`): one plain word, no secret. */
const PLACEHOLDER = /^[<(][a-z]{1,12}[>)]$/;

/**
 * Where a percent-encoded value at `at` ends (see {@link PERCENT_END}). One that opens with an
 * encoded quote (percent-encoded JSON, `%22s3cret%22%7D`) runs to the next raw delimiter.
 */
const percentEnd = (text: string, at: number): number => {
  const pattern = /^%2[27]/.test(text.slice(at, at + 3)) ? RAW_END : PERCENT_END;
  pattern.lastIndex = at;
  return pattern.exec(text)?.index ?? text.length;
};

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
  const line = namesOf(key).some((name) => LINE_KEYS.test(name));
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

const isKeyChar = (c: number): boolean =>
  (c >= 48 && c <= 57) ||
  (c >= 65 && c <= 90) ||
  (c >= 97 && c <= 122) ||
  c === 95 || // _
  c === 46 || // .
  c === 45 || // -
  c === 91 || // [
  c === 93; // ]

/** Last words of a key in prose that name a secret only with the word before (`Session ID`). */
const KEY_NOUNS = /^(?:key|id|code|number|string)$/i;
const MAX_KEY_CHARS = 128;

/** The word (key characters) that ends at `end`, read back at most 128, never before `floor`. */
const wordStart = (text: string, end: number, floor: number): number => {
  let i = end;
  while (i > floor && end - i < MAX_KEY_CHARS) {
    const c = text.charCodeAt(i - 1);
    // `%5B`/`%5D`: the percent-encoded brackets of a nested form key.
    const bracket = c === 37 && text[i] === '5' && /[BbDd]/.test(text[i + 1] ?? '');
    if (!isKeyChar(c) && !bracket) break;
    // The encoded quote that opens a percent-encoded JSON key is not part of it.
    if (c === 50 && encodedQuoteBefore(text, i, floor)) break;
    i--;
  }
  return i;
};

/**
 * The key that ends before the separator at `at`, read backwards: spaces, a closing quote
 * (escaped at any depth, which gives its `level`), then the key, never before `floor`: a word
 * of key characters, and the word before it too when it is a bare noun (`API key:`,
 * `{"Session ID": …}`). Never a whole quoted sentence: `"auth service down": retrying` is
 * prose, and its value is not a secret's.
 */
const keyBefore = (text: string, at: number, floor: number): Key | undefined => {
  let i = at;
  for (let n = 0; n < 16 && i > floor && (text[i - 1] === ' ' || text[i - 1] === '\t'); n++) i--;
  const doubleQuoted = i > floor && text[i - 1] === '"';
  if (i > floor && (text[i - 1] === '"' || text[i - 1] === "'")) i--;
  // `%22password%22%3A…`: percent-encoded JSON closes its key with an encoded quote.
  else if (encodedQuoteBefore(text, i, floor)) i -= 3;
  const quoteAt = i;
  for (let n = 0; n < 16 && i > floor && text.charCodeAt(i - 1) === 92; n++) i--;
  // The backslashes that escape a closing `"` are the depth of JSON escaping the key is at.
  const level = doubleQuoted ? quoteAt - i : 0;
  const end = i;
  const start = wordStart(text, end, floor);
  if (start === end) return undefined;
  const key: Key = { name: text.slice(start, end), level };
  // `\r\nCookie:` in JSON is `Cookie`, but `C:\app\token=` is `token`: both are judged.
  if (text.charCodeAt(start - 1) === 92 && /^[nrt]./.test(key.name)) key.alt = key.name.slice(1);
  if (KEY_NOUNS.test(key.name) && text[start - 1] === ' ' && start - 1 > floor) {
    const before = wordStart(text, start - 1, floor);
    if (before < start - 1) key.wider = text.slice(before, end);
  }
  return key;
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
    if (key === undefined || !namesOf(key).some(isSecret)) continue;
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
  BARE_VALUE,
  PERCENT_END,
  RAW_END,
  AUTH_SCHEME,
  LINE_KEYS,
  NEXT_KEY,
  PLACEHOLDER,
];
