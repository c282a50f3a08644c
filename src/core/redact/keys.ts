/**
 * Which key names hold secrets. A key is normalised before it is judged (percent escapes and
 * `_`, `-`, `.`, `[`, `]`, spaces and camelCase humps become word breaks, case is dropped), so
 * `DB_PASS`, `dbPass`, `db-pass` and `user[password]` are judged alike. The list is at least as
 * wide as the scrubbing defaults of Sentry and Rollbar.
 */

import { boundedMemo } from '../memo.js';

/** Words that make a key secret wherever they appear in its normalised name. */
export const SECRET_KEY_PARTS: readonly string[] = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'accesskey',
  'accountkey',
  'privatekey',
  'secretkey',
  'signingkey',
  'encryptionkey',
  'masterkey',
  'credential',
  'auth',
  'bearer',
  'cookie',
  'session',
  'sessid',
  'csrf',
  'xsrf',
  'signature',
  'connectionstring',
  'cardnumber',
  'creditcard',
  'ccnumber',
  'securitycode',
];

/** Short words that make a key secret only as a whole word of it (`DB_PASS`, not `bypass`). */
export const SECRET_KEY_WORDS: readonly string[] = [
  'pass',
  'pwd',
  'pw',
  'sig',
  'sid',
  'ssn',
  'cvv',
  'cvv2',
  'cvc',
  'cvc2',
  'otp',
  'jwt',
  'symfony',
];

/** A last word that makes the key an error's name (`TokenExpiredError: jwt expired`), not a field. */
const ERROR_NAME_WORDS: ReadonlySet<string> = new Set(['error', 'exception']);

const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/g;
const CAMEL_HUMP = /([a-z0-9])([A-Z])/g;
const WORD_BREAK = /[^A-Za-z0-9]+/;
const NOT_ALNUM = /[^a-z0-9]/g;
const MAX_KNOWN_KEYS = 512;

/** The lower-case words of a key name. */
export const keyWords = (key: string): string[] =>
  key
    .replace(PERCENT_ESCAPE, ' ')
    .replace(CAMEL_HUMP, '$1 $2')
    .split(WORD_BREAK)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());

/**
 * A text lower-cased and stripped to letters and digits (`DB_PASS` -> `dbpass`): where a stem
 * is looked for, in a key by the judge and in a whole text by the prefilter.
 */
export const flatText = (text: string): string => text.toLowerCase().replace(NOT_ALNUM, '');

/** The normalised form of a key: its words run together (`DB_PASS` -> `dbpass`). */
export const normaliseKey = (key: string): string => keyWords(key).join('');

const SHORT_WORDS: ReadonlySet<string> = new Set(SECRET_KEY_WORDS);

/**
 * The judge of key names: built-in words (when `defaults`) and the user's own keys, each matched
 * as a whole normalised name or as one of its words.
 */
export const secretKeyJudge = (
  defaults: boolean,
  userKeys: readonly string[],
): ((key: string) => boolean) => {
  const user = new Set(userKeys.map(normaliseKey).filter((key) => key.length > 0));
  const stems = [...user, ...(defaults ? [...SECRET_KEY_PARTS, ...SHORT_WORDS] : [])];
  const judge = (key: string): boolean => {
    // Most keys hold no stem at all: one lower-casing and a few substring tests reject them.
    const flat = flatText(key);
    if (!stems.some((stem) => flat.includes(stem))) return false;
    const words = keyWords(key);
    const joined = words.join('');
    if (user.has(joined) || words.some((word) => user.has(word))) return true;
    if (!defaults) return false;
    if (ERROR_NAME_WORDS.has(words[words.length - 1] ?? '')) return false;
    return (
      SECRET_KEY_PARTS.some((part) => joined.includes(part)) ||
      words.some((word) => SHORT_WORDS.has(word))
    );
  };
  // Keys repeat (in one text and across errors): each distinct one is judged once, in bounded memory.
  const remember = boundedMemo<boolean>(MAX_KNOWN_KEYS);
  return (key) => {
    if (key.length === 0 || key.length > 256) return false;
    return remember(key, () => judge(key));
  };
};
