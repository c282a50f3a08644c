/** core/redact/xml.ts: the content of a secret XML element goes, to its closing tag. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRedaction } from '../../src/core/redact/index.js';
import { secretKeyJudge } from '../../src/core/redact/keys.js';
import { redactXmlElements } from '../../src/core/redact/xml.js';

const redact = compileRedaction(undefined).text;
const judge = secretKeyJudge(true, []);

describe('XML elements', () => {
  it.each([
    [
      'an S3 error body',
      '<Error><Code>SignatureDoesNotMatch</Code><SignatureProvided>ab12</SignatureProvided><RequestId>R1</RequestId></Error>',
      '<Error><Code>SignatureDoesNotMatch</Code><SignatureProvided>[REDACTED]</SignatureProvided><RequestId>R1</RequestId></Error>',
    ],
    [
      'a SOAP fault with prefixes',
      '<ns:Login><ns:Password>hunter2</ns:Password><ns:User>bob</ns:User></ns:Login>',
      '<ns:Login><ns:Password>[REDACTED]</ns:Password><ns:User>bob</ns:User></ns:Login>',
    ],
    [
      'an element holding others, over lines',
      '<Credentials>\n  <AccessKeyId>A1</AccessKeyId>\n</Credentials><Expiration>2026</Expiration>',
      '<Credentials>[REDACTED]</Credentials><Expiration>2026</Expiration>',
    ],
    ['attributes', '<token type="x">abc</token> ok', '<token type="x">[REDACTED]</token> ok'],
    [
      'unclosed: to the next tag',
      '<password>abc and <b>more</b>',
      '<password>[REDACTED]<b>more</b>',
    ],
    ['unclosed: to the end of the line', '<secret>abc\nnext line', '<secret>[REDACTED]\nnext line'],
  ])('%s', (_label, text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it.each([
    'a < b and c > d',
    '<User>bob</User>',
    '<password/>',
    '<password />',
    'x <password></password> y',
  ])('leaves alone what holds no secret content: %s', (text) => {
    expect(redactXmlElements(text, judge)).toBe(text);
  });

  it('removes any content of a secret element, and keeps what is around it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Password', 'SessionToken', 'ns:ApiKey', 'client_secret'),
        fc.stringMatching(/^[^<\n]{1,200}$/),
        fc.stringMatching(/^[A-Za-z ]{0,40}$/),
        (name, content, around) => {
          const text = `${around}<${name}>${content}</${name}>${around}`;
          expect(redactXmlElements(text, judge)).toBe(
            `${around}<${name}>[REDACTED]</${name}>${around}`,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
