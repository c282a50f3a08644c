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
