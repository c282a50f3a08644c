/**
 * The inputs of the redaction rows of `npm run bench`: 16 KB of plain log text, and per rule
 * the hostile 16 KB inputs that would cost it most if it were not linear (repeated prefixes,
 * unclosed quotes, long runs of token characters). A rule's row is its worst hostile input.
 */
export const SIZE = 16 * 1024;

const fill = (unit: string): string => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

/** Ordinary error text: words, numbers, paths, a URL, no secret. */
export const PLAIN = fill(
  'GET /v1/orders/42 failed after 3 retries: upstream answered 503 at 2026-12-03T06:00:00Z, ' +
    'see https://status.example.com/incidents for details; user bob in eu-west-1 (shard 7). ',
);

/** The hostile inputs of each built-in rule, by rule name. */
export const HOSTILE: Record<string, readonly string[]> = {
  'private key block': [fill('-----BEGIN RSA PRIVATE KEY-----'), fill('-----BEGIN ')],
  'URI userinfo': [fill('a://b:'), fill('ab://'), fill('x://@:/')],
  'authorization scheme': [fill('Bearer '), fill('Basic abcdefg '), fill('bearer\t')],
  'token families': [
    fill('eyJ-'),
    fill('eyJa.eyJb.'),
    fill(`ghp_${'a'.repeat(35)} `),
    fill('xoxb-'),
    fill('sk-'),
    fill('a'),
  ],
  'payment card number': [fill('4111 '), fill('4111111111111111 1'), fill('1')],
  '40-character base64 secret': [fill(`${'Aa0/'.repeat(10)}=`), fill('a'), fill('Aa0+ ')],
  'XML elements': [fill('<password>'), fill('<password>a</password'), fill('<a:token x=1>')],
  'key-value pairs': [
    fill('password="'),
    fill('password=\\"'),
    fill('password='),
    fill('a=b '),
    fill('Cookie: '),
    fill('\\\\\\"'),
    fill('a'),
    fill('user[password]%3D'),
    // The value's own marks and enclosures, quoted keys read back, keys of two words.
    fill('token=a,a;a&a\'a"a`a'),
    fill("password%3Dx,x'x%26"),
    fill('token%3Da%26'),
    fill('token=<'),
    fill('secret=('),
    fill('"API Key"'),
    fill('"a b c d e f g h":'),
    fill('API key: '),
    fill('\\r\\nCookie: a=\\"b\\"; '),
  ],
  prefilter: [fill('passwor'), fill('a://b'), fill('Aa0/'.repeat(9))],
};
