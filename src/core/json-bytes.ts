/** What a text costs in a JSON log line: the bound the description's budget spends. */

/** Characters JSON writes as `\u00XX`: six bytes each (`\n`, `\t` and the like take two). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters JSON escapes.
const SIX_BYTE_ESCAPES = /[\u0000-\u0007\u000b\u000e-\u001f]/g;

/**
 * What `text` costs in the JSON line, at most: its UTF-8 bytes, and one more per character for
 * an escape (`"`, `\`, a line break: two bytes in JSON). Only a text with a control character
 * of six bytes is counted exactly: most texts need one native length and one scan that finds
 * nothing, on every error's path.
 */
export const jsonBytes = (text: string): number => {
  const bytes = Buffer.byteLength(text) + text.length;
  SIX_BYTE_ESCAPES.lastIndex = 0;
  if (!SIX_BYTE_ESCAPES.test(text)) return bytes;
  return bytes + (text.match(SIX_BYTE_ESCAPES)?.length ?? 0) * 4;
};
