/**
 * The keyword prefilter, as secret scanners have one: a single pass over the text looks for
 * anything a built-in rule could match (a key word, a token prefix, a URI's userinfo, a PEM
 * marker, a 40-character base64 run). Text without any skips every rule, so the common message
 * (`database unavailable`) costs one scan.
 */
import { keyWords, SECRET_KEY_PARTS, SECRET_KEY_WORDS } from './keys.js';
import { TOKEN_FAMILIES, TOKEN_GUARD } from './tokens.js';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** A literal in any case, without a flag: token prefixes in the same expression are case-sensitive. */
const anyCase = (word: string): string =>
  [...word]
    .map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : escapeRegExp(c)))
    .join('');

/** The last words of compound key words, where a key may break (`api_key`, `pass-phrase`). */
const BREAKS = ['key', 'string', 'number', 'card', 'code', 'word', 'phrase'];

/**
 * The words of a built-in key stem: `apikey` is `api` + `key`. A separator is allowed only where
 * a key may break between words, never between every letter: an expression with a separator
 * after each letter costs V8 tens of milliseconds to compile, on every cold start's first error.
 */
const stemWords = (stem: string): string[] => {
  for (const end of BREAKS) {
    if (stem.endsWith(end) && stem.length - end.length >= 2) {
      return [...stemWords(stem.slice(0, -end.length)), end];
    }
  }
  return [stem];
};

/** A key as its words, in any case, with up to two separators (`_`, `-`, `.`, space) between. */
const keyTrigger = (words: readonly string[]): string => words.map(anyCase).join('[-_. ]{0,2}');

/** A family is found by its literal prefix when that is long enough, else by its whole shape. */
const familyTrigger = (pattern: string, prefix: string): string =>
  prefix.length >= 4 && pattern.startsWith(escapeRegExp(prefix).replace(/\\-/g, '-'))
    ? escapeRegExp(prefix)
    : `${TOKEN_GUARD}${pattern}`;

/**
 * The prefilter for the built-in rules plus `userKeys`: one expression, no `i` flag (a token
 * prefix is case-sensitive, a key word is not), compiled once per redactor.
 */
export const buildPrefilter = (userKeys: readonly string[]): RegExp => {
  const builtIn = [...SECRET_KEY_PARTS, ...SECRET_KEY_WORDS].map(stemWords);
  // A user's key breaks where its own name does (`customerEmail`: customer + email).
  const own = userKeys.map(keyWords).filter((words) => words.length > 0);
  const alternatives = [
    ...new Set([...builtIn, ...own].map(keyTrigger)),
    ...new Set(TOKEN_FAMILIES.map((family) => familyTrigger(family.pattern, family.prefix))),
    // A URI with userinfo: `scheme://user:`.
    ':\\/\\/[^\\s/?#@:]{0,256}:',
    '-----BEGIN',
    '[Bb][Ee][Aa][Rr][Ee][Rr]|[Bb][Aa][Ss][Ii][Cc]|[Dd][Ii][Gg][Ee][Ss][Tt]',
    '(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}',
    // The first twelve digits of a card number, plain or grouped (4-4-4, Amex 4-6-5).
    '[2-6][0-9]{3}[ -]?[0-9]{4,6}[ -]?[0-9]{4}',
  ];
  return new RegExp(alternatives.join('|'));
};
