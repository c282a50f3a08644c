/**
 * What the CLI prints comes from log lines, log group and stack names and thrown messages: all
 * of it can carry terminal escape sequences. Every printed string goes through these, so a
 * forged header or message can neither recolour nor rewrite the operator's terminal.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// C1 controls and DEL: JSON.stringify leaves them raw, and some terminals obey them.
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029]/g;

const escaped = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` with terminal control characters (ANSI escapes...) shown as `\u001b`; newlines kept. */
export const safeText = (text: string): string => text.replace(CONTROL, escaped);

/** `text` on one line: control characters escaped, newlines shown as `\n`. */
export const oneLine = (text: string): string => safeText(text).replace(/\r?\n/g, '\\n');

/** `value` as one line of JSON that is still valid JSON and carries no raw control character. */
export const jsonLine = (value: unknown): string =>
  JSON.stringify(value).replace(JSON_UNSAFE, escaped);
