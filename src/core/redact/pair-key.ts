/**
 * The key before a separator, read backwards: a closing quote at any depth of escaping, then a
 * word of key characters, and the word before it when the key is a bare noun (`API key`).
 * Every read goes back at most 128 characters, never before what the scan has copied.
 */
import { encodedQuoteAt } from './value-end.js';

/** Whether an encoded quote (`%22`, `%27`) ends just before `at`, not before `floor`. */
const encodedQuoteBefore = (text: string, at: number, floor: number): boolean =>
  at - 3 >= floor && encodedQuoteAt(text, at - 3);

/** A key read back from its separator. */
export interface Key {
  name: string;
  /** How many backslashes escape its closing `"` (0 for plain JSON or no quote). */
  level: number;
  /** With the word before it, when the key is a noun that names nothing alone (`API key`). */
  wider?: string;
  /** Without its first letter, when that letter may end an escape (`\\ntoken`, `C:\\app\\token`). */
  alt?: string;
}

/**
 * Whether `test` holds for a name the key may be read as. No array: it runs at every separator
 * of every text that passes the prefilter.
 */
export const someName = (key: Key, test: (name: string) => boolean): boolean =>
  test(key.name) ||
  (key.alt !== undefined && test(key.alt)) ||
  (key.wider !== undefined && test(key.wider));

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
export const keyBefore = (text: string, at: number, floor: number): Key | undefined => {
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
  if (text[start - 1] === ' ' && start - 1 > floor && KEY_NOUNS.test(key.name)) {
    const before = wordStart(text, start - 1, floor);
    if (before < start - 1) key.wider = text.slice(before, end);
  }
  return key;
};

/** Every expression of the key reader, for the ReDoS check. */
export const KEY_PATTERNS: readonly RegExp[] = [KEY_NOUNS];
