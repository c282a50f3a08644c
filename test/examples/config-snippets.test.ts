/** The README's configuration snippets (redaction options, a custom rule), run as examples. */
import { describe, expect, it } from 'vitest';
import { fixture } from '../support/lambda.js';
import { runExample } from './run-example.js';

describe('examples/redaction.ts', () => {
  it('logs the error with the own patterns and keys redacted, the defaults still on', async () => {
    const run = await runExample('redaction.ts', fixture('apigw-request.json'));
    expect(run.result.statusCode).toBe(500);
    const [line, ...more] = run.logs.filter((entry) => entry.level === 'ERROR');
    expect(more).toEqual([]);
    const logged = JSON.stringify(line);
    expect(logged).toContain('Charge failed for [REDACTED] with card ****1111');
    expect(logged).toContain('"customerEmail":"[REDACTED]"');
    for (const secret of ['cust-123456', '4111111111111111', 'ada@example.com']) {
      expect(run.output).not.toContain(secret);
    }
  });
});

describe('examples/rules.ts', () => {
  it('answers the payment error by the custom rule: 402, its code and safe message', async () => {
    const run = await runExample('rules.ts', fixture('apigw-request.json'));
    expect(run.result.statusCode).toBe(402);
    expect(JSON.parse(String(run.result.body))).toEqual({
      error: 'payment_declined',
      message: 'The card was declined.',
      traceId: run.traceRoot,
      requestId: run.requestId,
    });
    expect(run.logs.filter((entry) => entry.level === 'WARN')).toHaveLength(1);
    expect(String(run.result.body)).not.toContain('4111');
  });
});
