/**
 * The keyword prefilter, as secret scanners have one: it looks for anything a built-in rule
 * could match (a key word, a token family's keyword, a URI's userinfo, a card number's first
 * digits, a 40-character base64 run; a PEM private key's marker holds the key word
 * `privatekey`). Text without any skips every rule, so the
 * common message (`database unavailable`) costs a few substring searches.
 *
 * Substring searches rather than one expression of every keyword: V8 compiles an expression on
 * its first use, and one of some 150 alternatives took 2 ms to compile on the first error of
 * every cold start. A substring search costs nothing to build and about as much to run.
 */
import { normaliseKey, SECRET_KEY_PARTS, SECRET_KEY_WORDS } from './keys.js';
import { mayHoldToken } from './tokens.js';

/** Dropped before key words are looked for, as the judge of keys drops them from a key. */
const NOT_ALNUM = /[^a-z0-9]/g;
/** The authorization schemes without a key word of their own (`Bearer` and `Token` are ones). */
const AUTH_SCHEMES = ['basic', 'digest'];
/** The shapes no keyword names: a URI's `scheme://user:`, a card's first 12 digits, base64. */
export const PREFILTER_SHAPES =
  /:\/\/[^\s/?#@:]{0,256}:|[2-6][0-9]{3}[ -]?[0-9]{4,6}[ -]?[0-9]{4}|(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}/;

/**
 * The prefilter for the built-in rules plus `userKeys`. A key word is found in any case and
 * spelling (`API_KEY`, `apiKey`, `api-key`): the text is lower-cased and stripped of everything
 * but letters and digits first, so a key the judge of keys accepts is always found.
 */
export const buildPrefilter = (userKeys: readonly string[]): ((text: string) => boolean) => {
  const own = userKeys.map(normaliseKey).filter((key) => key.length > 0);
  const words = [...new Set([...SECRET_KEY_PARTS, ...SECRET_KEY_WORDS, ...AUTH_SCHEMES, ...own])];
  return (text) => {
    const flat = text.toLowerCase().replace(NOT_ALNUM, '');
    for (const word of words) if (flat.includes(word)) return true;
    return mayHoldToken(text) || PREFILTER_SHAPES.test(text);
  };
};
