/** Options are checked once, at construction, with a message that says what to fix. */
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import { createError } from '@middy/util';
import { describe, expect, it } from 'vitest';
import { defaultRules, type ErrorRule, errorNormalizer } from '../../src/index.js';
import { captureOutput, fixture, lambdaContext } from '../support/lambda.js';

describe('options', () => {
  it.each<[string, unknown, string]>([
    ['a non-object', 'yes', 'errorNormalizer: options must be an object, got string'],
    [
      'an unknown key',
      { loger: {} },
      'errorNormalizer: unknown option "loger"; known options are logger, tracer, metrics, openTelemetry, maintenance, rules, retryAfterSeconds, problemDetails, redaction',
    ],
    ['a logger without error()', { logger: { warn() {} } }, '"logger" must be a Powertools Logger'],
    [
      'a tracer without getSegment()',
      { tracer: { isTracingEnabled() {} } },
      '"tracer" must be a Powertools Tracer',
    ],
    [
      'rules that are not an array',
      { rules: () => undefined },
      '"rules" must be an array of rule functions, got function',
    ],
    [
      'a rule that is not a function',
      { rules: [defaultRules[0], 'x'] },
      '"rules" must be an array of rule functions, got an array',
    ],
    [
      'a negative retryAfterSeconds',
      { retryAfterSeconds: -1 },
      '"retryAfterSeconds" must be a whole number >= 0, got -1',
    ],
    [
      'a string problemDetails',
      { problemDetails: 'yes' },
      `"problemDetails" must be problemDetails() from 'lambda-error-normalizer/problem-details', got string`,
    ],
    [
      'a redaction pattern that is no RegExp',
      { redaction: { patterns: ['secret'] } },
      '"redaction" must be false or { patterns?, keys?: string[], defaults?: boolean }, got object',
    ],
    [
      'an unknown redaction option',
      { redaction: { pattern: /x/ } },
      '"redaction" must be false or',
    ],
    ['a logger that is null', { logger: null }, '"logger" must be a Powertools Logger, got null'],
    [
      'redaction keys that are not strings',
      { redaction: { keys: [1] } },
      '"redaction" must be false or',
    ],
  ])('rejects %s', (_what, options, message) => {
    expect(() => errorNormalizer(options as never)).toThrow(TypeError);
    expect(() => errorNormalizer(options as never)).toThrow(message);
  });

  it('creates a Powertools Logger when none is given', async () => {
    const output = captureOutput();
    const handler = middy(async () => {
      throw new Error('x');
    }).use(errorNormalizer());
    await handler(fixture('apigw-request.json'), lambdaContext());
    output.restore();
    expect(output.logs('ERROR')).toHaveLength(1);
  });

  it('puts custom rules first and keeps the defaults after them', async () => {
    class PaymentDeclined extends Error {}
    const paymentRule: ErrorRule = (error) =>
      error instanceof PaymentDeclined
        ? { status: 402, code: 'payment_declined', message: 'The card was declined.' }
        : undefined;
    const throwing = (thrown: unknown) =>
      middy(async () => {
        throw thrown;
      }).use(
        errorNormalizer({
          logger: new Logger(),
          rules: [paymentRule, ...defaultRules],
          retryAfterSeconds: 30,
        }),
      );
    const output = captureOutput();
    const declined = (await throwing(new PaymentDeclined('card 4111 declined by issuer'))(
      fixture('apigw-request.json'),
      lambdaContext(),
    )) as { statusCode: number; body: string };
    const missing = (await throwing(createError(404, 'gone'))(
      fixture('apigw-request.json'),
      lambdaContext(),
    )) as {
      statusCode: number;
    };
    const throttled = (await throwing(Object.assign(new Error(), { name: 'ThrottlingException' }))(
      fixture('apigw-request.json'),
      lambdaContext(),
    )) as { headers: Record<string, string> };
    output.restore();
    expect(declined.statusCode).toBe(402);
    expect(JSON.parse(declined.body)).toMatchObject({
      error: 'payment_declined',
      message: 'The card was declined.',
    });
    expect(missing.statusCode).toBe(404);
    expect(throttled.headers['Retry-After']).toBe('30');
  });
});
