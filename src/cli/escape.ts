/**
 * What the CLI prints comes from log lines, log group and stack names and thrown messages: all
 * of it can carry terminal escape sequences. Every printed string goes through these, so a
 * forged header or message can neither recolour nor rewrite the operator's terminal, and a
 * logged value printed in a table cell or a one-line summary cannot start a line of its own.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Not terminal controls, but a viewer may break the line at U+2028/U+2029, and the
// bidirectional controls reorder what a line shows (a value could read as another).
const INVISIBLE = /[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// C1 controls and DEL: JSON.stringify leaves them raw, and some terminals obey them.
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029]/g;

const escaped = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * `text` with terminal control characters (ANSI escapes...), line separators and bidirectional
 * controls shown as `\u001b` and the like; newlines and tabs kept (stacks print on their lines).
 */
export const safeText = (text: string): string =>
  text.replace(CONTROL, escaped).replace(INVISIBLE, escaped);

/** `text` on one line: control characters escaped, newlines shown as `\n`. */
export const oneLine = (text: string): string => safeText(text).replace(/\r?\n/g, '\\n');

/**
 * `text` as one cell of a table or of a one-line summary: every control character escaped,
 * newlines shown as `\n` and tabs as `\t` (a tab would push the cells after it to another
 * column), other runs of white space as one space.
 */
export const cell = (text: string): string =>
  oneLine(text).replace(/\t/g, '\\t').replace(/\s+/g, ' ');

/** `value` as one line of JSON that is still valid JSON and carries no raw control character. */
export const jsonLine = (value: unknown): string =>
  JSON.stringify(value).replace(JSON_UNSAFE, escaped);
