/**
 * The `onIncident` hook, through each door: it gets the incident the log line carries, the
 * answer waits for it, and a hook that throws, rejects or hangs neither changes nor loses the
 * answer; its failure is logged once.
 */
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/index.js';
import { DOORS, newLogger, normalize, routerReady, throughDoor } from '../doors/support.js';
import { eachInvocation, fixture, lambdaContext } from '../support/lambda.js';

const invocation = eachInvocation();
const event = () => routerReady(fixture('apigw-request.json'));
const boom = () =>
  Object.assign(new Error('db at postgres://u:hunter2@db:5432 down'), { code: 'ECONNREFUSED' });

const hookLines = () => invocation.output.logs().filter((line) => line.hook === 'onIncident');

describe.each(DOORS)('onIncident through %s', (door) => {
  it('receives the redacted, fingerprinted incident of the log line, and the context', async () => {
    const seen: [Incident, unknown][] = [];
    const context = lambdaContext();
    await throughDoor(door, boom, event(), context, {
      logger: newLogger(),
      onIncident: (incident, hookContext) => {
        seen.push([incident, hookContext]);
      },
    });
    const [line] = invocation.output.logs('ERROR');
    expect(seen).toHaveLength(1);
    const [incident, hookContext] = seen[0] ?? [];
    expect(hookContext).toBe(context);
    expect(incident).toMatchObject({
      status: 502,
      code: 'bad_gateway',
      fingerprint: line?.fingerprint,
      fingerprintVersion: 1,
      traceId: invocation.trace.root,
      requestId: context.awsRequestId,
      error: { name: 'Error', code: 'ECONNREFUSED' },
    });
    expect(JSON.stringify(incident)).not.toContain('hunter2');
  });

  it('is awaited before the answer goes out', async () => {
    let delivered = false;
    await throughDoor(door, boom, event(), lambdaContext(), {
      logger: newLogger(),
      onIncident: async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        delivered = true;
      },
    });
    expect(delivered).toBe(true);
    expect(hookLines()).toEqual([]);
  });

  const baseline = async () =>
    normalize(await throughDoor(door, boom, event(), lambdaContext(), { logger: newLogger() }));

  it.each([
    [
      'throws',
      () => {
        throw new Error('token=abc123 chat down');
      },
      /threw/,
    ],
    ['rejects', () => Promise.reject(new Error('token=abc123 chat down')), /rejected/],
    ['hangs', () => new Promise<void>(() => {}), /did not settle within 0 ms/],
  ] as const)(
    'a hook that %s leaves the answer unchanged and is logged once',
    async (_how, hook, said) => {
      const expected = await baseline();
      invocation.output.lines.length = 0;
      // 500 ms left: the margin takes it all, so a hanging hook is not waited for at all.
      const answer = normalize(
        await throughDoor(door, boom, event(), lambdaContext({ remainingMs: 500 }), {
          logger: newLogger(),
          onIncident: hook,
        }),
      );
      const strip = (a: typeof answer) => ({
        ...a,
        body: JSON.parse(a.body).error,
        headers: a.headers['content-type'],
      });
      expect(strip(answer)).toEqual(strip(expected));
      expect(answer.statusCode).toBe(502);
      const lines = hookLines();
      expect(lines).toHaveLength(1);
      expect(lines[0]?.message).toMatch(said);
      expect(lines[0]).not.toHaveProperty('status');
      expect(JSON.stringify(lines)).not.toContain('abc123');
      // The incident itself was logged once, before the hook ran.
      expect(invocation.output.logs('ERROR')).toHaveLength(1);
    },
  );
});

it('refuses a hook that is not a function, at construction', async () => {
  const { withErrorNormalizer } = await import('../../src/index.js');
  expect(() => withErrorNormalizer(async () => 1, { onIncident: 'x' as never })).toThrow(
    /"onIncident" must be a function/,
  );
});
