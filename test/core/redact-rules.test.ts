/**
 * The built-in rules one by one: the shapes secrets really take, the token table, key names,
 * the user's options, redact-then-cut, linear time (recheck over every built-in expression, a
 * static check for unbounded and nested quantifiers, hostile inputs up to 64 KB).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { describeError, MAX_MESSAGE_CHARS, redactThenCap } from '../../src/core/describe-error.js';
import { compileRedaction } from '../../src/core/redact/index.js';
import {
  keyWords,
  SECRET_KEY_PARTS,
  SECRET_KEY_WORDS,
  secretKeyJudge,
} from '../../src/core/redact/keys.js';
import { PREFILTER_SHAPES } from '../../src/core/redact/prefilter.js';
import { BUILT_IN_RULES, rulePatterns } from '../../src/core/redact/rules.js';
import { TOKEN_FAMILIES, TOKEN_GUARD, tokenPattern } from '../../src/core/redact/tokens.js';
import { clientMessage, MAX_CLIENT_MESSAGE_CHARS } from '../../src/core/respond.js';
import { repoRoot } from '../support/lambda.js';
import { exampleOf, TOKEN_EXAMPLES } from '../support/token-examples.js';

const redact = compileRedaction(undefined);
const SECRET = 'hunter2EXAMPLE';

describe('shapes of secrets', () => {
  it.each([
    ['escaped JSON', '"body":"{\\"password\\":\\"hunter2EXAMPLE\\",\\"id\\":1}"'],
    [
      'JSON escaped twice',
      '"{\\"a\\":\\"{\\\\\\"password\\\\\\":\\\\\\"hunter2EXAMPLE\\\\\\"}\\"}"',
    ],
    ['plain JSON with spaces', '{ "client_secret" : "hunter2EXAMPLE" }'],
    ['a URI password with @ and /', 'postgres://app:hunter2EXAMPLE@/x@db.internal:5432/app'],
    ['a nested form key', 'user[password]=hunter2EXAMPLE&user[name]=bob'],
    ['a percent-encoded nested key', 'user%5Bpassword%5D=hunter2EXAMPLE&x=1'],
    ['a percent-encoded pair', 'q=password%3Dhunter2EXAMPLE%26user%3Dbob'],
    ['a short bearer token', 'Authorization: Bearer hunter2EXAMPLE'],
    ['an unclosed quote', 'password="hunter2EXAMPLE and more'],
    ['the second cookie', 'Cookie: theme=dark; sid=hunter2EXAMPLE; lang=en'],
    ['a Set-Cookie line', 'Set-Cookie: session=hunter2EXAMPLE; Path=/; HttpOnly'],
    ['a SigV4 signature', 'X-Amz-Credential=x&X-Amz-Signature=hunter2EXAMPLE&X-Amz-Date=1'],
    ['an Azure account key', 'AccountName=x;AccountKey=hunter2EXAMPLE==;EndpointSuffix=core'],
    [
      'an Azure SAS signature',
      'https://x.blob.core.windows.net/c?sv=2020&sig=hunter2EXAMPLE%3D&se=1',
    ],
    ['DB_PASS', 'DB_PASS=hunter2EXAMPLE'],
    ['pass', 'pass=hunter2EXAMPLE'],
    ['passphrase', 'passphrase: hunter2EXAMPLE'],
    ['a camelCase key', 'dbPassword=hunter2EXAMPLE'],
    ['a Ruby hash', '{"api_key"=>"hunter2EXAMPLE"}'],
    ['a single-quoted value', "secret='hunter2EXAMPLE'"],
    ['a YAML-ish pair', 'x_api_key: hunter2EXAMPLE'],
    ['a CSRF token', 'csrf_token=hunter2EXAMPLE'],
    ['a Digest header', 'Authorization: Digest username="bob", response="hunter2EXAMPLE"'],
  ])('redacts %s', (_what, text) => {
    const safe = redact.text(text);
    expect(safe).not.toContain(SECRET);
    expect(safe).toMatch(/\[REDACTED\]|\*\*\*/);
  });

  it('keeps the shape around the secret', () => {
    expect(redact.text('postgres://app:p@ss/w0rd@db.internal:5432/app')).toBe(
      'postgres://app:***@db.internal:5432/app',
    );
    expect(redact.text('"body":"{\\"password\\":\\"x1\\",\\"id\\":1}"')).toBe(
      '"body":"{\\"password\\":\\"[REDACTED]\\",\\"id\\":1}"',
    );
    expect(redact.text('q=password%3Dx1%26user%3Dbob')).toBe(
      'q=password%3D[REDACTED]%26user%3Dbob',
    );
    expect(redact.text('Cookie: a=1; sid=2\nnext')).toBe('Cookie: [REDACTED]\nnext');
    expect(redact.text('x=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY y')).toBe('x=[REDACTED] y');
    expect(
      redact.text('-----BEGIN RSA PRIVATE KEY-----\nMIIE\nabc\n-----END RSA PRIVATE KEY-----'),
    ).toBe('-----BEGIN RSA PRIVATE KEY-----[REDACTED]-----END RSA PRIVATE KEY-----');
  });

  it.each([
    'TokenExpiredError: jwt expired',
    'Unexpected token o in JSON at position 1',
    'duplicate key value violates unique constraint "users_pkey"',
    'https://api.example.com:8443/v1/items?owner=a@b.c',
    'connect ECONNREFUSED 10.0.0.7:5432',
    'database unavailable',
  ])('leaves text without secrets alone: %s', (text) => {
    expect(redact.text(text)).toBe(text);
  });
});

describe('the token table', () => {
  it.each(TOKEN_FAMILIES.map((family) => [family.name, family] as const))(
    '%s: its example is one whole match of its own pattern, and redacted in text',
    (_name, family) => {
      const example = exampleOf(family);
      const own = new RegExp(`^${TOKEN_GUARD}(?:${family.pattern})$`);
      expect(own.test(example)).toBe(true);
      expect(example.match(tokenPattern())?.[0]).toBe(example);
      for (const text of [`token ${example} used`, `"x":"${example}"`, `x=${example}&y=1`]) {
        expect(redact.text(text)).not.toContain(example);
      }
    },
  );

  it('is the table docs/redaction.md lists, family by family, and the key list it gives', () => {
    const docs = readFileSync(join(repoRoot, 'docs', 'redaction.md'), 'utf8');
    for (const family of TOKEN_FAMILIES) {
      const keywords = family.keywords.map((keyword) => `\`${keyword}\``).join(', ');
      expect(docs).toContain(`| ${family.name} | ${keywords} |`);
    }
    for (const word of [...SECRET_KEY_PARTS, ...SECRET_KEY_WORDS])
      expect(docs).toContain(`\`${word}\``);
  });

  it('has one example per family, and no example of a family it lacks', () => {
    expect(Object.keys(TOKEN_EXAMPLES).sort()).toEqual(TOKEN_FAMILIES.map((f) => f.name).sort());
  });

  it('has at least 40 families, and a keyword in each token of a family', () => {
    expect(TOKEN_FAMILIES.length).toBeGreaterThanOrEqual(40);
    for (const family of TOKEN_FAMILIES) {
      expect(family.keywords.length).toBeGreaterThan(0);
      // Any token of the family, not only the example: fast-check writes matches of the pattern.
      const whole = new RegExp(`^(?:${family.pattern})$`);
      fc.assert(
        fc.property(fc.stringMatching(whole), (token) => {
          expect(family.keywords.some((keyword) => token.includes(keyword))).toBe(true);
        }),
        { numRuns: 50 },
      );
    }
  });

  it('a keyword missing from a family is found: the check above can fail', () => {
    const gitHub = TOKEN_FAMILIES.find((family) => family.pattern.startsWith('gh[pousr]_'));
    const whole = new RegExp(`^(?:${gitHub?.pattern})$`);
    const lacking = ['ghp_', 'gho_', 'ghu_', 'ghs_'];
    expect(() =>
      fc.assert(
        fc.property(fc.stringMatching(whole), (token) => {
          expect(lacking.some((keyword) => token.includes(keyword))).toBe(true);
        }),
        { numRuns: 200 },
      ),
    ).toThrow();
  });
});

describe('key names', () => {
  const judge = secretKeyJudge(true, []);
  it.each([
    'password',
    'PASSWORD',
    'db_password',
    'DB_PASS',
    'dbPass',
    'db-pass',
    'passwd',
    'pwd',
    'MYSQL_PWD',
    'passphrase',
    'client_secret',
    'accessToken',
    'x-api-key',
    'apiKey',
    'API_KEY',
    'auth',
    'Authorization',
    'credentials',
    'private_key',
    'privateKey',
    'sessionid',
    'session',
    'PHPSESSID',
    'connect.sid',
    'cookie',
    'set-cookie',
    'csrf_token',
    'XSRF-TOKEN',
    'signature',
    'X-Amz-Signature',
    'sig',
    'AccountKey',
    'user[password]',
    'user%5Bpassword%5D',
    'cvv',
  ])('%s is secret', (key) => {
    expect(judge(key)).toBe(true);
  });
  it.each(['id', 'user', 'bypass', 'compass', 'region', 'keyId', 'TokenExpiredError', 'status'])(
    '%s is not',
    (key) => {
      expect(judge(key)).toBe(false);
    },
  );
  it('splits keys into words the same way whatever the spelling', () => {
    expect(keyWords('dbPassword')).toEqual(keyWords('DB_PASSWORD'));
    expect(keyWords('db-password')).toEqual(['db', 'password']);
  });
});

describe('options', () => {
  it('applies redaction.keys in text too, any spelling', () => {
    const withPin = compileRedaction({ keys: ['pin'] });
    expect(withPin.text('pin=4242 and "PIN":"4242"')).toBe('pin=[REDACTED] and "PIN":"[REDACTED]"');
    expect(compileRedaction({ keys: ['pin'], defaults: false }).text('pin=4242')).toBe(
      'pin=[REDACTED]',
    );
    expect(compileRedaction(undefined).text('pin=4242')).toBe('pin=4242');
  });

  it.each(['', 'g', 'y', 'gy', 'm', 'i', 'gim', 'iy'])(
    'a user pattern with flags "%s" matches everywhere',
    (flags) => {
      const custom = compileRedaction({ patterns: [new RegExp('cust-\\d{3}', flags)] });
      expect(custom.text('cust-123 then cust-456')).toBe('[REDACTED] then [REDACTED]');
      // Stateless: a second call gives the same answer.
      expect(custom.text('x cust-789')).toBe('x [REDACTED]');
    },
  );

  it('redacts name, code, fault, field keys and the cause chain of a thrown value', () => {
    const token = (TOKEN_FAMILIES[2] ? exampleOf(TOKEN_FAMILIES[2]) : '') ?? '';
    const thrown = Object.assign(new Error('outer'), {
      name: `Err ${token}`,
      code: `password=${SECRET}`,
      $fault: `token=${SECRET}`,
      [token]: true,
      pin: '4242',
      cause: { message: `inner secret=${SECRET}` },
    });
    const described = JSON.stringify(describeError(thrown, compileRedaction({ keys: ['pin'] })));
    expect(described).not.toContain(SECRET);
    expect(described).not.toContain(token);
    expect(described).not.toContain('4242');
  });
});

/** Half a surrogate pair without its other half (what `String.prototype.isWellFormed` rejects). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('redact first, cut after', () => {
  it('never keeps part of a secret that straddles the cap', () => {
    const message = `${'m'.repeat(MAX_MESSAGE_CHARS - 5)} password=${SECRET}`;
    const described = describeError(new Error(message), redact);
    expect(described.message).not.toContain('hunter');
    expect(described.message.startsWith('m'.repeat(MAX_MESSAGE_CHARS - 5))).toBe(true);
  });

  it('bounds a 10 MB message before redacting it, and says how much was cut', () => {
    const seen: number[] = [];
    const text = redactThenCap('password=x '.repeat(1_000_000), 100, (raw) => {
      seen.push(raw.length);
      return raw;
    });
    expect(Math.max(...seen)).toBeLessThan(10_000);
    expect(text).toMatch(/… \[10999900 more characters\]$/);
  });

  it('never cuts between the halves of a surrogate pair', () => {
    // Texts of emoji and letters, cut anywhere, with and without the note counted in the cap.
    const text = fc
      .array(fc.constantFrom('😀', 'a', '𝄞', 'é'), { maxLength: 60 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 80 }), fc.boolean(), (raw, max, within) => {
        const cut = redactThenCap(raw, max, (t) => t, within);
        expect(cut).not.toMatch(LONE_SURROGATE);
        expect(raw.startsWith(cut.replace(/… \[\d+ more characters\]$/, ''))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the client message within 1,000 characters, note of the cut included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000 }), (length) => {
        const own = `${'x'.repeat(length)} postgres://app:${SECRET}@db/x`;
        const message = clientMessage(
          { status: 400, code: 'bad_request', expose: true },
          new Error(own),
          redact.text,
        );
        expect(message.length).toBeLessThanOrEqual(MAX_CLIENT_MESSAGE_CHARS);
        expect(message).not.toContain(SECRET);
      }),
      { numRuns: 200 },
    );
    const exposed = clientMessage(
      { status: 400, code: 'bad_request', expose: true },
      new Error(`cannot reach postgres://app:${SECRET}@db/x`),
      redact.text,
    );
    expect(exposed).toBe('cannot reach postgres://app:***@db/x');
  });
});

/** The source of a pattern without its escapes and character classes. */
const outsideClasses = (source: string): string =>
  source
    .replace(/\\./g, 'e')
    .replace(/\[[^\]]*\]/g, 'c')
    .replace(/\(\?(?:<?[=!]|:)/g, '(');

describe('linear time', () => {
  const patterns: Array<[string, RegExp]> = [
    ...rulePatterns().map((pattern) => [pattern.source.slice(0, 50), pattern] as [string, RegExp]),
    ...TOKEN_FAMILIES.map(
      (family) => [family.name, new RegExp(`${TOKEN_GUARD}${family.pattern}`)] as [string, RegExp],
    ),
    ['prefilter shapes', PREFILTER_SHAPES],
  ];

  it.each(patterns)('recheck finds %s safe', (_name, pattern) => {
    expect(
      checkSync(pattern.source, pattern.flags, { checker: 'automaton', timeout: 30_000 }).status,
    ).toBe('safe');
  });

  it.each(patterns)('%s has only bounded quantifiers, none nested', (_name, pattern) => {
    const source = outsideClasses(pattern.source);
    expect(source).not.toMatch(/[*+]|\{\d+,\}/);
    // A quantified group holding a quantifier is a nested quantifier.
    expect(source).not.toMatch(/\([^()]*(?:\{\d+(?:,\d+)?\}|\?)[^()]*\)(?:\{|\?)/);
  });

  it('the static check sees an unbounded or nested quantifier', () => {
    expect(outsideClasses('(?:a{1,3}){1,3}')).toMatch(
      /\([^()]*(?:\{\d+(?:,\d+)?\}|\?)[^()]*\)(?:\{|\?)/,
    );
    expect(outsideClasses('[a-z]+')).toMatch(/[*+]|\{\d+,\}/);
  });

  const hostile = fc
    .tuple(
      fc.constantFrom(
        'a://b:',
        'password="',
        'password=\\"',
        '\\\\\\"',
        'eyJ-',
        'eyJ',
        'eyJa.eyJb.',
        'ghp_',
        'xoxb-',
        'sk-',
        '-----BEGIN RSA PRIVATE KEY-----',
        'Bearer ',
        'A',
        'a/',
        '%5B',
        'password%3D',
        'Cookie: ',
        '@',
        'a=b ',
        '[[',
        'token:',
        '"',
        "'",
        'token=<',
        'secret=(',
        'token=a,',
        "a'",
        '"API Key":',
        'API key: ',
        '\\r\\nCookie: ',
        '<password>',
        '<a:token x>',
        "password%3Dx,x'x%26",
        'token%3Da%26',
      ),
      fc.integer({ min: 1, max: 65_536 }),
      fc.constantFrom('', ' ', '\n', ':', '='),
    )
    .map(([unit, length, separator]) => {
      const piece = `${unit}${separator}`;
      return piece.repeat(Math.ceil(length / piece.length)).slice(0, length);
    });

  it.each(BUILT_IN_RULES.map((rule) => [rule.name, rule] as const))(
    '%s survives hostile inputs up to 64 KB and still removes a planted secret',
    (_name, rule) => {
      const judge = secretKeyJudge(true, []);
      const planted = `\n password=${SECRET} ${TOKEN_FAMILIES[2] ? exampleOf(TOKEN_FAMILIES[2]) : ''} postgres://a:${SECRET}@h Bearer ${SECRET}\n`;
      fc.assert(
        fc.property(hostile, (text) => {
          const out = redact.text(`${text}${planted}${text}`);
          expect(out).not.toContain(SECRET);
          expect(typeof rule.run(text, judge)).toBe('string');
        }),
        { numRuns: 25 },
      );
    },
  );
});
