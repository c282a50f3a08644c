/**
 * The built-in rules, each one job and one linear pass: its expressions have bounded quantifiers
 * and no nested ones, and every hand-written scan resumes after what it consumed. The tests run
 * `recheck` over {@link BUILT_IN_PATTERNS} and feed each rule hostile inputs; `npm run bench`
 * compares each rule's cost on hostile and plain text.
 */
import { REDACTED } from './marks.js';
import { redactPairs, STRUCTURE_PATTERNS } from './structure.js';
import { mayHoldToken, tokenPattern } from './tokens.js';
import { redactXmlElements, XML_PATTERNS } from './xml.js';

/** A named redaction step: text in, text with its secrets replaced out. */
export interface Rule {
  name: string;
  run: (text: string, isSecretKey: (key: string) => boolean) => string;
}

/** `scheme://`, where a URI's userinfo may start. */
const URI_START = /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\//g;
/** The authority and path of a URI, up to its query or fragment (userinfo cannot hold them raw). */
const URI_BODY = /[^\s"'`<>?#]{1,512}/y;

/**
 * Hides a URI's password, which runs from the first `:` of the userinfo to the last `@` before
 * the host: `postgres://app:p@ss/w0rd@db/x` -> `postgres://app:***@db/x`.
 */
const redactUriUserinfo = (text: string): string => {
  let out = '';
  let copied = 0;
  URI_START.lastIndex = 0;
  for (let start = URI_START.exec(text); start !== null; start = URI_START.exec(text)) {
    const bodyStart = URI_START.lastIndex;
    URI_BODY.lastIndex = bodyStart;
    const body = URI_BODY.exec(text)?.[0];
    if (body === undefined) continue;
    // The scan resumes after the body: a run of `a://a://…` is read once.
    URI_START.lastIndex = bodyStart + body.length;
    const at = body.lastIndexOf('@');
    const colon = body.indexOf(':');
    if (at < 0 || colon < 0 || colon > at || body.slice(0, colon).includes('/')) continue;
    if (body.startsWith('***@', colon + 1)) continue;
    out += `${text.slice(copied, bodyStart + colon + 1)}***`;
    copied = bodyStart + at;
  }
  return copied === 0 ? text : out + text.slice(copied);
};

const PEM_BEGIN = /-----BEGIN[A-Z0-9 ]{0,40} PRIVATE KEY(?: BLOCK)?-----/g;
const PEM_END = '-----END';

/** Hides the body of PEM private key blocks (RSA, EC, OpenSSH, PGP...), keeping their markers. */
const redactPrivateKeyBlocks = (text: string): string => {
  let out = '';
  let copied = 0;
  let end = -2;
  PEM_BEGIN.lastIndex = 0;
  for (let begin = PEM_BEGIN.exec(text); begin !== null; begin = PEM_BEGIN.exec(text)) {
    const bodyStart = PEM_BEGIN.lastIndex;
    // One search for the end marker serves every block before it.
    if (end !== -1 && end < bodyStart) end = text.indexOf(PEM_END, bodyStart);
    // No end marker: the body runs to the end of the text (a cut key is still a key).
    const bodyEnd = end >= 0 ? end : text.length;
    out += `${text.slice(copied, bodyStart)}${REDACTED}`;
    copied = bodyEnd;
    PEM_BEGIN.lastIndex = bodyEnd;
  }
  return copied === 0 ? text : out + text.slice(copied);
};

/** HTTP authorization schemes with their credentials (`Bearer` at any length). */
const AUTH_CREDENTIALS =
  /(?<![A-Za-z0-9_-])(Bearer[ \t]{1,8}(?!\[REDACTED\])[A-Za-z0-9\-._~+/]{1,4096}|(?:Basic|Digest|Token)[ \t]{1,8}[A-Za-z0-9\-._~+/]{8,4096})={0,2}/gi;

/** A mixed-case 40-character base64 run is the shape of an AWS secret access key. */
const BASE64_40 = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
const looksLikeSecretKey = (token: string): string =>
  /[A-Z]/.test(token) && /[a-z]/.test(token) && /[0-9/+]/.test(token) ? REDACTED : token;

/**
 * A payment card number (PAN), 13 to 19 digits, plain or in the groups cards print: 4-4-4-4,
 * 4-4-4-4-3 and Amex's 4-6-5, with spaces or dashes. Error trackers scrub them by default. The
 * first digit is a card network's (2 to 6): an epoch in milliseconds (`17…`) is never one.
 */
const CARD_NUMBER =
  /(?<![0-9])(?:[2-6][0-9]{12,18}|[2-6][0-9]{3}[ -][0-9]{4}[ -][0-9]{4}[ -][0-9]{4}[ -][0-9]{3}|[2-6][0-9]{3}[ -][0-9]{4}[ -][0-9]{4}[ -][0-9]{4}|3[0-9]{3}[ -][0-9]{6}[ -][0-9]{5})(?![0-9])/g;

/** The Luhn checksum every card number passes (and most other long digit runs fail). */
const passesLuhn = (digits: string): boolean => {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
};

/** Hides a card number but its last four digits (what a receipt shows): `****1111`. */
const redactCardNumbers = (text: string): string =>
  text.replace(CARD_NUMBER, (match) => {
    const digits = match.replace(/[ -]/g, '');
    return passesLuhn(digits) ? `****${digits.slice(-4)}` : match;
  });

/**
 * A word of prose after a scheme (`token included`, `Bearer required`, `Basic authentication`),
 * not credentials: letters only, at most 14 (`authentication`); longer runs are taken for
 * credentials even in lower case.
 */
const PROSE_WORD = /^[A-Z]?[a-z]{1,14}$/;

const authScheme = (text: string): string =>
  text.replace(AUTH_CREDENTIALS, (match) => {
    const space = match.search(/[ \t]/);
    const scheme = match.slice(0, space);
    // Issued credentials mix case or hold digits, symbols or padding; a lone word does not.
    if (PROSE_WORD.test(match.slice(space).trim())) return match;
    return `${scheme} ${REDACTED}`;
  });

/** The built-in rules, in order: blocks and URIs first, tokens, then the pairs of what is left. */
export const BUILT_IN_RULES: readonly Rule[] = [
  { name: 'private key block', run: redactPrivateKeyBlocks },
  { name: 'URI userinfo', run: redactUriUserinfo },
  { name: 'authorization scheme', run: authScheme },
  {
    name: 'token families',
    // A text with a key word but no token keyword (`invalid password`) never builds the expression.
    run: (text) => (mayHoldToken(text) ? text.replace(tokenPattern(), REDACTED) : text),
  },
  { name: 'payment card number', run: redactCardNumbers },
  {
    name: '40-character base64 secret',
    run: (text) => text.replace(BASE64_40, looksLikeSecretKey),
  },
  { name: 'XML elements', run: redactXmlElements },
  { name: 'key-value pairs', run: redactPairs },
];

/** Every expression of the built-in rules, for the ReDoS check. */
export const rulePatterns = (): readonly RegExp[] => [
  URI_START,
  URI_BODY,
  PEM_BEGIN,
  AUTH_CREDENTIALS,
  PROSE_WORD,
  BASE64_40,
  CARD_NUMBER,
  tokenPattern(),
  ...XML_PATTERNS,
  ...STRUCTURE_PATTERNS,
];
