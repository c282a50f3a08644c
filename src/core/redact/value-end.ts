/**
 * Where a secret's value ends, in each encoding errors carry it: a bare run (and the marks it
 * runs over), a percent-encoded value, a quoted one at any depth of escaping, a JSON or
 * `util.inspect` structure, an enclosure, a header line. Each scan reads the value once, to its
 * real end, never to a length bound.
 */

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
export const lineEnd = (text: string, at: number): number => {
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
    if (c !== 92) continue;
    const next = text[i + 1];
    if (next === 'n' || next === 'r' || (next === '"' && jsonGoesOn(text, i + 2))) {
      // The backslashes before the escape's own, never before `at`.
      return i - backslashesBefore(text, i, i - at - 1);
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
export const bareEnd = (text: string, at: number): number => {
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

/** Where a value enclosed at `at` closes: after its `close`, else at the end of its line. */
export const enclosedEnd = (text: string, at: number, close: number): number => {
  const line = lineEnd(text, at);
  for (let i = at + 1; i < line; i++) if (text.charCodeAt(i) === close) return i + 1;
  return line;
};

/** Whether an encoded quote (`%22` or `%27`) starts at `at`. */
export const encodedQuoteAt = (text: string, at: number): boolean =>
  text.charCodeAt(at) === 37 && // %
  text.charCodeAt(at + 1) === 50 && // 2
  (text.charCodeAt(at + 2) === 50 || text.charCodeAt(at + 2) === 55); // 2 or 7

/** How many backslashes stand right before `at`, counting up to `max + 1`. */
export const backslashesBefore = (text: string, at: number, max: number): number => {
  let count = 0;
  while (count <= max && text.charCodeAt(at - 1 - count) === 92) count++;
  return count;
};

/**
 * Where a JSON object or array opened at `open` closes: brackets are counted outside strings
 * (double-quoted, or single-quoted as `util.inspect` writes them), whose quotes are preceded by
 * at most `level` backslashes (the depth of escaping the key was written at). Unbalanced, it runs to the end of the text: over-redaction, not a leak.
 */
export const structureEnd = (text: string, open: number, level: number): number => {
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
export const quotedEnd = (
  text: string,
  contentStart: number,
  slashes: number,
  quote: number,
): number => {
  for (let at = contentStart; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (c === 10 || c === 13) return at;
    if (c !== quote) continue;
    const before = backslashesBefore(text, at, slashes);
    if (before <= slashes) return at - before;
  }
  return text.length;
};

/**
 * Where a percent-encoded value at `at` ends (see {@link PERCENT_END}). One that opens with an
 * encoded quote (percent-encoded JSON, `%22s3cret%22%7D`) runs to the next raw delimiter.
 */
export const percentEnd = (text: string, at: number): number => {
  const pattern = encodedQuoteAt(text, at) ? RAW_END : PERCENT_END;
  pattern.lastIndex = at;
  return pattern.exec(text)?.index ?? text.length;
};

/** Every expression of the value ends, for the ReDoS check. */
export const VALUE_END_PATTERNS: readonly RegExp[] = [BARE_VALUE, PERCENT_END, RAW_END, NEXT_KEY];
