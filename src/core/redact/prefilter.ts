/**
 * The keyword prefilter, as secret scanners have one: it looks for anything a built-in rule
 * could match (a key word, a token family's keyword, a URI's userinfo, a card number's first
 * digits, a 40-character base64 run; a PEM private key's marker holds the key word
 * `privatekey`). Text without any skips every rule, so the common message (`database
 * unavailable`) costs two passes over it and one small expression.
 *
 * The keywords are found by `wordFinder`, not by one expression of them all, which V8 would
 * compile on the first error of every cold start.
 */
import { flatText, normaliseKey, SECRET_KEY_PARTS, SECRET_KEY_WORDS } from './keys.js';
import { mayHoldToken } from './tokens.js';
import { wordFinder } from './word-finder.js';

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
  const hasKeyWord = wordFinder([
    ...SECRET_KEY_PARTS,
    ...SECRET_KEY_WORDS,
    ...AUTH_SCHEMES,
    ...own,
  ]);
  return (text) => hasKeyWord(flatText(text)) || mayHoldToken(text) || PREFILTER_SHAPES.test(text);
};
