// biome-ignore-all assist/source/organizeImports: imports as the README's Configuration section writes them
// The README's custom rule: a payment client's own error answered as a 402 with a safe
// message, every other error by the default rules.
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { defaultRules, errorNormalizer, type ErrorRule } from 'lambda-error-normalizer';

/** What a payment client throws when the issuer refuses a charge. */
class PaymentDeclined extends Error {
  override name = 'PaymentDeclined';
}
const logger = new Logger();

const paymentDeclined: ErrorRule = (error) =>
  error instanceof PaymentDeclined
    ? { status: 402, code: 'payment_declined', message: 'The card was declined.' }
    : undefined;

const normalizer = errorNormalizer({ logger, rules: [paymentDeclined, ...defaultRules] });

export const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>(async () => {
  throw new PaymentDeclined('Issuer 05: do not honor (card 4111111111111111)');
}).use(normalizer);
