/**
 * The secrets corpus: shapes secrets take in real errors, with made-up values only, and the
 * ways an error carries them. Token examples: one per family of the table in src, from
 * `test/support/token-examples.ts`; every other value here is invented for this test.
 */
import { TOKEN_FAMILIES } from '../../src/core/redact/tokens.js';
import { exampleOf } from '../support/token-examples.js';

/** A shape: the text an error would carry, and the part of it that must never be seen. */
export interface SecretShape {
  name: string;
  /** The secret's key, for shapes that are a key and a value. */
  key?: string;
  secret: string;
  text: string;
}

const value = (i: number): string => `Fake${String(i).padStart(2, '0')}Secret9x`;

const KEYS = [
  'password',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'DB_PASSWORD',
  'DB_PASS',
  'MYSQL_PWD',
  'client_secret',
  'secret',
  'api_key',
  'apiKey',
  'x-api-key',
  'access_token',
  'refreshToken',
  'auth_token',
  'id_token',
  'private_key',
  'credentials',
  'session_id',
  'sessionToken',
  'csrf_token',
  'XSRF-TOKEN',
  'signature',
  'X-Amz-Signature',
  'X-Amz-Security-Token',
  'AccountKey',
  'sig',
  'user[password]',
];

const keyShapes: SecretShape[] = KEYS.map((key, i) => ({
  name: `key ${key}`,
  key,
  secret: value(i),
  text: `${key}=${value(i)}`,
}));

const tokenShapes: SecretShape[] = TOKEN_FAMILIES.map((family) => {
  const token = exampleOf(family);
  return { name: family.name, secret: token, text: token };
});

const pem = (kind: string, secret: string): string =>
  `-----BEGIN ${kind}PRIVATE KEY-----\nMIIEFAKE${secret}\nFAKEFAKE\n-----END ${kind}PRIVATE KEY-----`;

const other = (name: string, secret: string, text: string): SecretShape => ({ name, secret, text });

const otherShapes: SecretShape[] = [
  other('a short bearer token', 'Fb3arer', 'Authorization: Bearer Fb3arer'),
  other('a long bearer token', 'FakeBearerToken0123456789', 'Bearer FakeBearerToken0123456789'),
  other('a postgres URI', 'FakePgPass1', 'postgres://app:FakePgPass1@db.internal:5432/app'),
  other('a password with @', 'Fake@MyPass2', 'mysql://root:Fake@MyPass2@10.0.0.7/orders'),
  other(
    'a password with /',
    'Fake/Mongo3',
    'mongodb+srv://app:Fake/Mongo3@cluster0.example.net/db',
  ),
  other('a redis URI', 'FakeRedis4', 'redis://:FakeRedis4@cache.internal:6379/0'),
  other('an RSA key block', 'RsaBody5', pem('RSA ', 'RsaBody5')),
  other('an EC key block', 'EcBody6', pem('EC ', 'EcBody6')),
  other('an OpenSSH key block', 'SshBody7', pem('OPENSSH ', 'SshBody7')),
  other('a PKCS#8 key block', 'Pk8Body8', pem('', 'Pk8Body8')),
  other(
    'a 40-character secret after =',
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123',
    'x=wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123',
  ),
  other('the second cookie', 'FakeCookie9', 'Cookie: theme=dark; sid=FakeCookie9; lang=en'),
  other(
    'an Azure connection string',
    'FakeAzure10==',
    'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=FakeAzure10==;EndpointSuffix=core.windows.net',
  ),
  other(
    'an Azure SAS URL',
    'FakeSas11',
    'https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sig=FakeSas11&se=2030',
  ),
  other(
    'a SigV4 header',
    'fake0sigv4',
    'Authorization: AWS4-HMAC-SHA256 Credential=x/20260101/eu-west-1/s3/aws4_request, SignedHeaders=host, Signature=fake0sigv4',
  ),
  other('a percent-encoded pair', 'FakePct12', 'q=password%3DFakePct12%26user%3Dbob'),
  other('an unclosed quote', 'FakeOpen13', 'password="FakeOpen13 and the rest'),
  other(
    'a JSON body quoted in a message',
    'FakeQuoted14',
    'upstream 400: {"error":"bad","password":"FakeQuoted14"}',
  ),
];

export const SHAPES: readonly SecretShape[] = [...keyShapes, ...tokenShapes, ...otherShapes];

/** How an error carries a text: where, and in which encoding. */
export type Embedding =
  | 'plain'
  | 'JSON'
  | 'escaped JSON'
  | 'form'
  | 'URI'
  | 'header'
  | 'stack frame'
  | 'cause'
  | 'name'
  | 'code';

export const EMBEDDINGS: readonly Embedding[] = [
  'plain',
  'JSON',
  'escaped JSON',
  'form',
  'URI',
  'header',
  'stack frame',
  'cause',
  'name',
  'code',
];

const inText = (shape: SecretShape, embedding: Embedding): string => {
  const { key, secret, text } = shape;
  const pair = key === undefined ? { detail: text } : { [key]: secret };
  switch (embedding) {
    case 'JSON':
      return `upstream said ${JSON.stringify(pair)}`;
    case 'escaped JSON':
      return `upstream said ${JSON.stringify({ status: 400, body: JSON.stringify(pair) })}`;
    case 'form':
      return key === undefined ? `a=1&detail=${text}&b=2` : `a=1&${key}=${secret}&b=2`;
    case 'URI':
      return key === undefined
        ? `GET https://api.example.com/v1/cb?detail=${text}`
        : `GET https://api.example.com/v1/cb?${key}=${secret}&x=1`;
    case 'header':
      return key === undefined ? `X-Upstream-Detail: ${text}` : `${key}: ${secret}`;
    default:
      return `request failed: ${text} for user bob`;
  }
};

/** An exposed 4xx (its message goes to the client) that carries `shape` the `embedding` way. */
export const carrier = (shape: SecretShape, embedding: Embedding): Error => {
  const text = inText(shape, embedding);
  const exposed = (message: string) =>
    Object.assign(new Error(message), { statusCode: 400, expose: true });
  switch (embedding) {
    case 'stack frame': {
      const error = exposed('frame carrier');
      error.stack = `Error: frame carrier\n    at connect (${text})\n    at handler (file:///var/task/index.mjs:1:1)`;
      return error;
    }
    case 'cause':
      return Object.assign(exposed('cause carrier'), { cause: new Error(text) });
    case 'name':
      return Object.assign(exposed('name carrier'), { name: text });
    case 'code':
      return Object.assign(exposed('code carrier'), { code: text });
    default:
      return exposed(text);
  }
};
