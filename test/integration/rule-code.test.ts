/**
 * A rule's `code` reaches the client (`error`), the log line, the span and a metric dimension:
 * it is bounded and redacted like every other string, whatever a rule returns.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { describe, expect, it } from 'vitest';
import { TOKEN_FAMILIES } from '../../src/core/redact/tokens.js';
import { defaultRules, type ErrorRule, withErrorNormalizer } from '../../src/index.js';
import { eachInvocation, fixture, lambdaContext } from '../support/lambda.js';
import { exampleOf } from '../support/token-examples.js';

const invocation = eachInvocation();
const token = (name: string): string => {
  const family = TOKEN_FAMILIES.find((f) => f.name.startsWith(name));
  if (family === undefined) throw new Error(`no token family ${name}`);
  return exampleOf(family);
};

const answerWith = async (rule: ErrorRule, redaction?: false) => {
  const metrics = new Metrics({ namespace: 'RuleCode', serviceName: 'orders' });
  const handler = withErrorNormalizer(
    async () => {
      throw new Error('declined');
    },
    { logger: new Logger(), metrics, rules: [rule, ...defaultRules], redaction },
  );
  const result = (await handler(fixture('apigw-request.json'), lambdaContext())) as {
    statusCode: number;
    body: string;
  };
  return { result, printed: invocation.output.lines.map((line) => line.text).join('\n') };
};

describe('a rule that chooses its code', () => {
  it('cannot send a token to the client, the log or the metric', async () => {
    const secret = token('GitHub token');
    const { result, printed } = await answerWith(() => ({
      status: 402,
      code: secret,
    }));
    expect(result.statusCode).toBe(402);
    expect(result.body).not.toContain(secret);
    expect(printed).not.toContain(secret);
    expect(printed).toContain('"Errors":1');
  });

  it('is seen by the check when redaction is off (the check can fail)', async () => {
    const secret = token('GitHub token');
    const { result, printed } = await answerWith(() => ({ status: 402, code: secret }), false);
    expect(result.body).toContain(secret);
    expect(printed).toContain(secret);
  });

  it('gets the status code when its code is too long', async () => {
    const { result } = await answerWith(() => ({ status: 402, code: 'x'.repeat(101) }));
    expect(JSON.parse(result.body).error).toBe('payment_required');
  });
});
