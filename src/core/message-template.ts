/**
 * A message with its variable parts replaced, so that "order 8812 not found" and "order 9920
 * not found" read the same: the message's share of an error's fingerprint. Only the first line
 * counts (later lines are often dumps), and the replacements run in a fixed order, each on what
 * the previous ones left, from the most specific shape to the most general, so that the digits
 * of a UUID or a timestamp are never seen as digit runs of their own.
 */
import { UUID_SOURCE } from './patterns.js';

/** Longest first line kept: a bound on the work, far above any message worth grouping by. */
const MAX_LINE_CHARS = 1_024;

/** The replacements, in the order they run. Every pattern is linear (no nested quantifiers). */
export const VARIABLE_PARTS: readonly (readonly [RegExp, string])[] = [
  [new RegExp(UUID_SOURCE, 'gi'), '<uuid>'],
  [
    /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/g,
    '<time>',
  ],
  // URLs before emails: an email's characters include `/`, and would eat `//host/@x` of a URL.
  [/\b[a-z][a-z\d+.-]*:\/\/[^\s"<>`]+/gi, '<url>'],
  [/[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+/g, '<email>'],
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, '<ip>'],
  [/\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}\b/gi, '<ip>'],
  [/\b(?:0x)?(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, '<hex>'],
  [/"[^"\n]{0,200}"|'[^'\n]{0,200}'|`[^`\n]{0,200}`/g, '<value>'],
  [/\d+/g, '<n>'],
];

/**
 * A character every variable part holds (a digit, `-` of a UUID, `@`, `:` of a URL or an IPv6,
 * a quote). A line without one has none, and skips compiling and running the expressions:
 * `database unavailable` is its own template.
 */
const MAY_VARY = /[\d"'`@:-]/;

/**
 * The first line of `message` with UUIDs, ISO timestamps, emails, URLs, IPs, hex ids, quoted
 * values and digit runs replaced, in that order, and runs of white space made one space.
 *
 * @param message - the (already redacted) message.
 * @returns the template, e.g. `order <n> not found for <email>`.
 */
export const messageTemplate = (message: string): string => {
  const end = message.search(/\r?\n/);
  let line = (end === -1 ? message : message.slice(0, end)).slice(0, MAX_LINE_CHARS);
  if (MAY_VARY.test(line)) {
    for (const [pattern, placeholder] of VARIABLE_PARTS) line = line.replace(pattern, placeholder);
  }
  return line.replace(/\s+/g, ' ').trim();
};
