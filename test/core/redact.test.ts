/**
 * Secrets never reach a log line: the built-in rules on the shapes errors really carry, the
 * options, and a property test that plants generated secrets in generated error shapes.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileRedaction } from '../../src/core/redact/index.js';
import { errorNormalizer, type RedactionOptions } from '../../src/index.js';
import { captureOutput, fixture, lambdaContext } from '../support/lambda.js';

const redactMessage = (message: string, options?: RedactionOptions | false) =>
  compileRedaction(options)({ name: 'Error', message }).message;

describe('built-in redaction rules', () => {
  it.each([
    [
      'a password in a URI',
      'connect failed: postgres://app:s3cr3t@db.internal:5432/app',
      'connect failed: postgres://app:***@db.internal:5432/app',
    ],
    ['an AWS access key id', 'key AKIAIOSFODNN7EXAMPLE denied', 'key [REDACTED] denied'],
    [
      'an AWS secret access key',
      'aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY leaked',
      'aws_secret_access_key [REDACTED] leaked',
    ],
    [
      'a bearer token',
      'upstream said 401 to Authorization: Bearer abcdef123456ghijkl',
      'upstream said 401 to Authorization: Bearer [REDACTED]',
    ],
    [
      'a JWT',
      'bad token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9P',
      'bad token [REDACTED]',
    ],
    ['a password= pair', 'login password=hunter2 user=bob', 'login password=[REDACTED] user=bob'],
    ['a JSON secret', '{"apiKey":"k-123","id":7}', '{"apiKey":"[REDACTED]","id":7}'],
    ['a client_secret pair', 'client_secret: abc123&x=1', 'client_secret: [REDACTED]&x=1'],
  ])('redacts %s, keeping the shape', (_what, input, expected) => {
    expect(redactMessage(input)).toBe(expected);
  });

  it.each([
    'TypeError: Cannot read properties of undefined (reading "id")',
    '    at handler (file:///var/task/index.mjs:12:9)',
    'commit 3f786850e387550fdab836ed7e6dc881de23001b',
    'user bob has no role admin',
  ])('leaves text without secrets alone: %s', (text) => {
    expect(redactMessage(text)).toBe(text);
  });

  it('redacts fields named like secrets, and the whole cause chain', () => {
    const redacted = compileRedaction(undefined)({
      name: 'Error',
      message: 'outer',
      fields: { dbPassword: 'p4ss', region: 'eu-west-1', apiToken: 't0k3n' },
      cause: { name: 'Error', message: 'inner password=p4ss', stack: 'Error: token=t0k3n\n  at x' },
    });
    expect(redacted.fields).toEqual({
      dbPassword: '[REDACTED]',
      region: 'eu-west-1',
      apiToken: '[REDACTED]',
    });
    expect(redacted.cause?.message).toBe('inner password=[REDACTED]');
    expect(redacted.cause?.stack).toBe('Error: token=[REDACTED]\n  at x');
  });

  it('redacts the frames of a stack alike on every call, whatever the header before them', () => {
    const redact = compileRedaction(undefined);
    const frames =
      '\n    at connect (postgres://app:s3cr3t@db:5432/x)\n    at handler (file:///var/task/index.mjs:1:1)';
    const safeFrames =
      '\n    at connect (postgres://app:***@db:5432/x)\n    at handler (file:///var/task/index.mjs:1:1)';
    for (const [header, safeHeader] of [
      ['Error: token=t0k3n', 'Error: token=[REDACTED]'],
      ['Error: plain', 'Error: plain'],
      ['Error: token=t0k3n', 'Error: token=[REDACTED]'],
    ]) {
      expect(redact({ name: 'Error', message: '', stack: `${header}${frames}` }).stack).toBe(
        `${safeHeader}${safeFrames}`,
      );
    }
    // User patterns still see the whole stack, header and frames together.
    const spanning = compileRedaction({ patterns: [/carrier\s+at\s+\w+/] });
    expect(spanning({ name: 'E', message: '', stack: `E: carrier${frames}` }).stack).toBe(
      `E: [REDACTED] (postgres://app:***@db:5432/x)\n    at handler (file:///var/task/index.mjs:1:1)`,
    );
  });

  it('takes extra patterns and keys, can drop the defaults, and can be turned off', () => {
    const options: RedactionOptions = {
      patterns: [/\bcust-\d{6}\b/, { pattern: /(card )\d{12}(\d{4})/g, replacement: '$1****$2' }],
      keys: ['customerEmail'],
    };
    expect(redactMessage('cust-123456 paid with card 4111111111111111', options)).toBe(
      '[REDACTED] paid with card ****1111',
    );
    const fields = compileRedaction(options)({
      name: 'E',
      message: '',
      fields: { customerEmail: 'a@b.c' },
    });
    expect(fields.fields).toEqual({ customerEmail: '[REDACTED]' });
    expect(redactMessage('password=hunter2', { defaults: false })).toBe('password=hunter2');
    expect(redactMessage('password=hunter2', false)).toBe('password=hunter2');
  });

  it('stays linear on long runs of text (no catastrophic backtracking)', () => {
    const runs = [
      'm'.repeat(16_384),
      'a=b '.repeat(4_000),
      'password'.repeat(2_000),
      '/'.repeat(16_384),
    ];
    const started = process.hrtime.bigint();
    for (const run of runs) redactMessage(run);
    // A quadratic pattern takes seconds here; linear ones take about a millisecond.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1_000);
  });
});

describe('secrets in logs (property)', () => {
  let output: ReturnType<typeof captureOutput>;
  beforeEach(() => {
    output = captureOutput();
  });
  afterEach(() => output.restore());

  const token = fc.stringMatching(/^[A-Za-z0-9]{12,32}$/);
  const secretInText = fc.oneof(
    token.map((s) => ({ secret: s, text: `postgres://app:${s}@db.internal:5432/app` })),
    token.map((s) => ({ secret: s, text: `mysql://root:${s}@10.0.0.7/orders` })),
    token.map((s) => ({ secret: s, text: `password=${s}` })),
    token.map((s) => ({ secret: s, text: `"client_secret": "${s}"` })),
    token.map((s) => ({ secret: s, text: `apiKey: ${s}` })),
    token.map((s) => ({ secret: s, text: `Authorization: Bearer ${s}` })),
    fc
      .stringMatching(/^[A-Z0-9]{16}$/)
      .map((s) => ({ secret: `AKIA${s}`, text: `key AKIA${s} denied` })),
    fc
      .tuple(
        fc.stringMatching(/^[A-Za-z0-9_-]{10,40}$/),
        fc.stringMatching(/^[A-Za-z0-9_-]{10,40}$/),
      )
      .map(([p, s]) => ({
        secret: `eyJ${p}.eyJ${p}.${s}`,
        text: `jwt eyJ${p}.eyJ${p}.${s} expired`,
      })),
  );
  const prose = fc.constantFrom('', 'request failed: ', 'while calling inventory ', 'at step 3: ');
  const place = fc.constantFrom('message', 'cause', 'stack', 'frames', 'field', 'aggregate');

  const errorCarrying = (text: string, where: string): Error => {
    switch (where) {
      case 'message':
        return new Error(text);
      case 'cause':
        return new Error('outer failure', { cause: new Error(text) });
      case 'stack': {
        const error = new Error('stack carrier');
        error.stack = `Error: ${text}\n    at handler (file:///var/task/index.mjs:1:1)`;
        return error;
      }
      case 'frames': {
        // Past the header: the part of a stack whose redaction is remembered per text.
        const error = new Error('frames carrier');
        error.stack = `Error: frames carrier\n    at handler (file:///var/task/index.mjs:1:1)\n    at ${text}`;
        return error;
      }
      case 'field':
        return Object.assign(new Error('field carrier'), { detail: text, dbPassword: text });
      default:
        return new AggregateError([new Error('first'), new Error(text)], 'many failed');
    }
  };

  it('never logs a generated secret, wherever the error carries it', async () => {
    const handler = middy(async (event: { thrown: unknown }) => {
      throw event.thrown;
    }).use(errorNormalizer({ logger: new Logger() }));
    await fc.assert(
      fc.asyncProperty(secretInText, prose, place, async ({ secret, text }, before, where) => {
        output.lines.length = 0;
        const event = {
          ...fixture('apigw-request.json'),
          thrown: errorCarrying(`${before}${text}`, where),
        };
        // Twice: the second time, what the first one redacted may come from memory.
        const result = await handler(event, lambdaContext());
        await handler(event, lambdaContext());
        const logged = output.lines.map((line) => line.text).join('\n');
        expect(output.logs('ERROR')).toHaveLength(2);
        expect(logged).not.toContain(secret);
        expect(JSON.stringify(result)).not.toContain(secret);
      }),
      { numRuns: 2_000 },
    );
  });
});
