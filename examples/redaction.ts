// The README's redaction options, on a handler whose error holds a customer id and a card
// number: the log line keeps the shape, not the values.
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { errorNormalizer } from 'lambda-error-normalizer';

const ownRulesAndDefaults = errorNormalizer({
  redaction: {
    patterns: [/\bcust-\d{6}\b/, { pattern: /(card )\d{12}(\d{4})/g, replacement: '$1****$2' }],
    keys: ['customerEmail'],
    // defaults: false,  // keep only your own rules
  },
});
export const unredacted = errorNormalizer({ redaction: false }); // no redaction at all

export const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>(async () => {
  throw Object.assign(new Error('Charge failed for cust-123456 with card 4111111111111111'), {
    customerEmail: 'ada@example.com',
  });
}).use(ownRulesAndDefaults);
