/**
 * core/redact/structure.ts and the PEM rule at the edges of a value: a secret's whole value goes
 * however long it is (no length bound leaves its tail), a JSON object or array under a secret
 * key goes whole, and percent-encoded JSON is read like JSON.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRedaction } from '../../src/core/redact/index.js';

const redact = compileRedaction(undefined).text;
const TAIL = 'TAILQ7w9Zx';

describe('secret values at any length', () => {
  // Each shape holds `value` where a secret goes; the tail must never survive.
  const shapes: Record<string, (value: string) => string> = {
    'quoted JSON': (value) => `upstream 401: {"refresh_token":"${value}"} then`,
    'escaped JSON': (value) => `body: "{\\"password\\":\\"${value}\\"}" then`,
    'unquoted pair': (value) => `password=${value} then`,
    'percent-encoded pair': (value) => `q=password%3D${value}%26u%3Db`,
    'cookie header': (value) => `headers:\nCookie: cart=${value}\nnext`,
    'unclosed quote': (value) => `password: "${value}`,
    'PEM body': (value) =>
      `-----BEGIN RSA PRIVATE KEY-----\n${value}\n-----END RSA PRIVATE KEY-----`,
    'PEM body, no end marker': (value) => `-----BEGIN OPENSSH PRIVATE KEY-----\n${value}`,
  };

  it.each(Object.entries(shapes))('%s: a 20,000-character value leaves no tail', (_, shape) => {
    const text = shape(`${'a'.repeat(20_000)}${TAIL}`);
    expect(redact(text)).not.toContain(TAIL);
  });

  it('whatever its length and characters, no shape leaves the tail of a value', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(shapes)),
        fc.integer({ min: 1, max: 17_000 }),
        fc.constantFrom('a', 'Z9', 'k+/='),
        (shape, length, unit) => {
          const value = unit.repeat(Math.ceil(length / unit.length)).slice(0, length) + TAIL;
          expect(redact(shape(value))).not.toContain(TAIL);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('structured values under a secret key', () => {
  it.each([
    ['an array', '{"password":["s3cret"],"ok":1}', '{"password":[REDACTED],"ok":1}'],
    [
      'an object',
      '{"credentials":{"user":"bob","value":"s3cret"},"ok":1}',
      '{"credentials":[REDACTED],"ok":1}',
    ],
    [
      'nested, with brackets in its strings',
      '{"token":{"v":"a}]b","w":[{"x":"s3cret"}]},"ok":1}',
      '{"token":[REDACTED],"ok":1}',
    ],
    [
      'escaped JSON inside a string',
      'body: "{\\"token\\":{\\"value\\":\\"s3cret\\"},\\"ok\\":1}" after',
      'body: "{\\"token\\":[REDACTED],\\"ok\\":1}" after',
    ],
    ['unbalanced: to the end', 'password: [s3cret, more', 'password: [REDACTED]'],
    ['already redacted', 'token: [REDACTED] ok', 'token: [REDACTED] ok'],
    ['a harmless key keeps its object', '{"user":{"name":"bob"}}', '{"user":{"name":"bob"}}'],
  ])('%s', (_, text, expected) => {
    expect(redact(text)).toBe(expected);
  });
});

describe('percent-encoded JSON', () => {
  it.each([
    [{ password: 's3cret' }, '%7B%22password%22%3A[REDACTED]'],
    [{ a: 1, client_secret: 's3cret' }, '%7B%22a%22%3A1%2C%22client_secret%22%3A[REDACTED]'],
  ])('%j', (value, expected) => {
    expect(redact(`GET /cb?state=${encodeURIComponent(JSON.stringify(value))}&x=1`)).toBe(
      `GET /cb?state=${expected}&x=1`,
    );
  });

  it('a harmless encoded key keeps its value', () => {
    const state = encodeURIComponent(JSON.stringify({ page: 2 }));
    expect(redact(`GET /list?state=${state}`)).toBe(`GET /list?state=${state}`);
  });
});

describe('the shapes real errors carry', () => {
  const SECRET = 'Q7w9ZxSecret';
  const headers = {
    'content-type': 'application/json',
    'set-cookie': [`sid=${SECRET}; Path=/`, 'cart=2'],
  };

  it.each([
    ['pretty JSON, a header array over lines', JSON.stringify({ headers }, null, 2)],
    ['util.inspect of the headers', `{\n  'set-cookie': [ 'sid=${SECRET}; Path=/', 'cart=2' ]\n}`],
    ['escaped JSON in a string', JSON.stringify({ body: JSON.stringify({ headers }) })],
    ['a Cookie object, pretty', JSON.stringify({ Cookie: { sid: SECRET } }, null, 2)],
  ])('a secret header’s structure goes whole: %s', (_label, text) => {
    expect(redact(`upstream 401: ${text}`)).not.toContain(SECRET);
  });

  it('a raw request quoted into JSON loses every Cookie and Authorization value', () => {
    const raw = `GET /v1 HTTP/1.1\r\nHost: api.x\r\nCookie: consent="yes"; sid=${SECRET}\r\nAuthorization: Digest username="bob", response="${SECRET}d"\r\nAccept: */*\r\n\r\n`;
    for (const text of [
      raw,
      JSON.stringify({ request: raw }),
      JSON.stringify({ m: JSON.stringify({ request: raw }) }),
    ]) {
      const out = redact(text);
      expect(out).not.toContain(SECRET);
      expect(out).toContain('Host: api.x');
      expect(out).toContain('Accept: */*');
    }
  });

  it.each([
    ['API key: K1', 'API key: [REDACTED]'],
    ['{"API Key":"K1"}', '{"API Key":"[REDACTED]"}'],
    ['{"session id": "K1"}', '{"session id": "[REDACTED]"}'],
    ['{\\"Secret Key\\":\\"K1\\"}', '{\\"Secret Key\\":\\"[REDACTED]\\"}'],
    ['Secret Key=K1 next', 'Secret Key=[REDACTED] next'],
    ['Private Key: K1', 'Private Key: [REDACTED]'],
    [
      'Connection string: Server=db;Password=K1',
      'Connection string: [REDACTED];Password=[REDACTED]',
    ],
  ])('a key of two words: %s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it.each([
    'Auth failed: user bob not found',
    'Token expired: sign in again',
    'Request ID: 7c1e',
    'Error code: E42',
    'The security token included in the request is invalid.',
    'Basic authentication failed for user bob',
    'Digest algorithm mismatch',
    'Bearer required: none supplied',
  ])('prose stays readable: %s', (text) => {
    expect(redact(text)).toBe(text);
  });

  it.each([
    ['password: Tr0ub4dor,horse then', 'password: [REDACTED] then'],
    ["password=it'sA1 then", 'password=[REDACTED] then'],
    ['password=ab"cd"ef then', 'password=[REDACTED] then'],
    ['api_key=`K1` then', 'api_key=`[REDACTED]` then'],
    ['token=<K1 x> then', 'token=[REDACTED] then'],
    ['secret=(K1) then', 'secret=[REDACTED] then'],
    ['password=K1,user=bob', 'password=[REDACTED],user=bob'],
    ['password=K1; Path=/', 'password=[REDACTED]; Path=/'],
    ['password=K1&next=2', 'password=[REDACTED]&next=2'],
    ['{"msg":"password=K1","n":1}', '{"msg":"password=[REDACTED]","n":1}'],
    ['password=K1, retrying', 'password=[REDACTED], retrying'],
  ])('a bare value to its real end: %s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('a bare value holding quotes and list marks is redacted whole, whatever they are', () => {
    // Runs of value characters, joined by a quote or a `,;&` that the value goes on after.
    const value = fc
      .array(
        fc.tuple(
          fc.stringMatching(/^[A-Za-z0-9]{1,8}$/),
          fc.constantFrom(',', ';', '&', "'", '"', '`'),
        ),
        {
          minLength: 1,
          maxLength: 6,
        },
      )
      .map((parts) => parts.map(([run, mark]) => run + mark).join(''));
    fc.assert(
      fc.property(value, fc.constantFrom('password=', 'token: ', 'api_key='), (body, key) => {
        expect(redact(`login: ${key}${body}${TAIL} then`)).toBe(`login: ${key}[REDACTED] then`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('edges a review found', () => {
  const SECRET = 'Zq9sEcret';

  it.each([
    [
      'a lower-case credential of 15+ letters after a scheme',
      `called with Bearer abcdefghijklmnopq`,
    ],
    ['a scheme as the value of a secret key', `api_key=Bearer qwertyuiopas`],
    ['a Token scheme under a header key', `x-api-key: Token abcdefghijkl, retrying`],
  ])('%s goes', (_label, text) => {
    const out = redact(text);
    expect(out).not.toMatch(/abcdefghijkl|qwertyuiopas/);
    expect(out).toMatch(/(?:Bearer|Token) \[REDACTED\]/);
  });

  it.each([
    ['a util.inspect array holding ]', `headers: { Cookie: [ 'a=]; consent=${SECRET}' ] }`],
    [
      'a util.inspect array over lines holding ]',
      `{\n  'set-cookie': [\n    'a=]; x',\n    'sid=${SECRET}'\n  ]\n}`,
    ],
    ['a header value starting with {}', `Cookie: {} theme=dark; prefs=${SECRET}`],
    ['a key after a real backslash', `C:\\app\\token=${SECRET}`],
    ['a key after a backslash, with a colon', `path=C:\\app\\token: ${SECRET}`],
  ])('%s: the secret goes', (_label, text) => {
    expect(redact(text)).not.toContain(SECRET);
  });

  it('a header line quoted into escaped JSON ends at the closing escaped quote', () => {
    const text = `{"level":"error","body":"{\\"headers\\":\\"Cookie: sid=${SECRET}\\",\\"status\\":401,\\"message\\":\\"expired\\"}","service":"orders"}`;
    const out = redact(text);
    expect(out).not.toContain(SECRET);
    expect(out).toContain('\\"status\\":401');
    expect(JSON.parse(out).service).toBe('orders');
  });

  it('keeps the escapes of a line break whole at any depth', () => {
    const raw = `GET /x HTTP/1.1\r\nAuthorization: Bearer ${SECRET}\r\nHost: a`;
    const twice = JSON.stringify({ body: JSON.stringify({ request: raw }) });
    const out = redact(`upstream 401: ${twice}`);
    expect(out).not.toContain(SECRET);
    const inner = JSON.parse(JSON.parse(out.slice('upstream 401: '.length)).body);
    expect(inner.request).toContain('\r\nHost: a');
  });

  it.each(['token=(none) provided', 'password=<empty>, user=app', 'secret=<unset> in PROD'])(
    'a placeholder in brackets stays: %s',
    (text) => {
      expect(redact(text)).toBe(text);
    },
  );

  it('reads a chain of percent-encoded pairs once (no value rescans the rest)', () => {
    // Each value ends at its own %26; it once ran over the whole chain, then was cut there.
    const text = 'password%3Dx%27x%26'.repeat(2_000);
    const out = redact(text);
    expect(out).toBe('password%3D[REDACTED]%26'.repeat(2_000));
  });
});
