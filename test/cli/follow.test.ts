/**
 * `--follow`: locally the file's new incident lines, one printed per line; on AWS a mocked Live
 * Tail event stream (sessions resumed, sampling said once, at most 10 log groups). The abort
 * signal (Ctrl-C) ends both with exit 0.
 */
import { getEventListeners } from 'node:events';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  StartLiveTailCommand,
  type StartLiveTailResponseStream,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { EXIT, main } from '../../src/cli/cli.js';
import { INCIDENT_FILTER } from '../../src/cli/live-tail.js';
import { runCli } from '../support/logs-cli.js';

const logs = mockClient(CloudWatchLogsClient);
beforeEach(() => logs.reset());
const dir = mkdtempSync(join(tmpdir(), 'len-follow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const incident = (n: number, status = 500) =>
  JSON.stringify({
    level: status >= 500 ? 'ERROR' : 'WARN',
    message: `Unhandled error answered as ${status} x`,
    timestamp: `2024-05-24T10:00:0${n}.000Z`,
    status,
    code: 'internal_server_error',
    traceId: `1-6650e1f0-${String(n).padStart(24, '0')}`,
    fingerprint: `${n}`.repeat(16),
    error: { name: 'Error', message: `boom \u001b[2J ${n}` },
  });
const info = JSON.stringify({ level: 'INFO', message: 'fine' });

/** Resolves once `check()` holds; the test's own timeout bounds it. */
const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
};

/** Runs `main` with a Ctrl-C to press, its output readable while it runs. */
const start = (args: string[]) => {
  const controller = new AbortController();
  const out = { stdout: '', stderr: '' };
  const code = main(
    args,
    {
      stdout: (text) => {
        out.stdout += text;
      },
      stderr: (text) => {
        out.stderr += text;
      },
      signal: controller.signal,
    },
    { logsClient: () => new CloudWatchLogsClient({ region: 'eu-west-1' }) },
  );
  return {
    out,
    code,
    signal: controller.signal,
    stop: () => controller.abort(new Error('Interrupted')),
  };
};

describe('--follow, local file', () => {
  it('errors --follow prints each new incident line as it is appended, and ends on Ctrl-C', async () => {
    const file = join(dir, 'logs.jsonl');
    writeFileSync(file, `${incident(1)}\n`);
    const run = start(['errors', '--follow', '--file', file, '--status', '5xx']);
    await until(() => run.out.stderr.includes('following'));
    // Line 3 arrives in two writes: it must be printed whole, once.
    appendFileSync(file, `${info}\n${incident(2, 404)}\n${incident(3).slice(0, 40)}`);
    appendFileSync(file, `${incident(3).slice(40)}\n${incident(4)}\n`);
    await until(() => run.out.stdout.includes('4444'));
    run.stop();
    expect(await run.code).toBe(0);
    // The old line is not replayed; the INFO line and the 404 (--status 5xx) are left out.
    const printed = run.out.stdout.trimEnd().split('\n');
    expect(printed).toHaveLength(2);
    expect(printed[0]).toMatch(
      /^2024-05-24T10:00:03.000Z {2}500 {2}internal_server_error {2}3{16} {2}1-6650e1f0-0+3 {2}boom \\u001b\[2J 3$/,
    );
    expect(run.out.stdout).not.toContain('\u001b');
  });

  it('logs --follow --json prints each incident line as logged, one JSON line each', async () => {
    const file = join(dir, 'logs-json.jsonl');
    writeFileSync(file, '');
    const run = start(['logs', '--follow', '--json', '--file', file]);
    await until(() => run.out.stderr.includes('following'));
    appendFileSync(file, `${incident(5)}\n${info}\n`);
    await until(() => run.out.stdout.includes('5555'));
    run.stop();
    expect(await run.code).toBe(0);
    const lines = run.out.stdout.trimEnd().split('\n');
    expect(lines.map((text) => JSON.parse(text).fingerprint)).toEqual(['5'.repeat(16)]);
  });

  it('logs --follow --status 5xx prints only the incident lines of those statuses, whole', async () => {
    const file = join(dir, 'logs-status.jsonl');
    writeFileSync(file, '');
    const run = start(['logs', '--follow', '--status', '5xx', '--file', file]);
    // The old refusal ends the run at once: wait for either.
    await until(() => run.out.stderr.includes('following') || run.out.stderr.includes('--help'));
    expect(run.out.stderr).not.toContain('--status goes with');
    appendFileSync(file, `${incident(6, 404)}\n${info}\n${incident(7, 503)}\n`);
    await until(() => run.out.stdout.includes('answered as 503'));
    run.stop();
    expect(await run.code).toBe(0);
    // The whole incident line (its error under it), the 404 and the INFO line left out.
    expect(run.out.stdout).toContain(
      '2024-05-24T10:00:07.000Z ERROR Unhandled error answered as 503 x',
    );
    expect(run.out.stdout).toContain('    Error: boom \\u001b[2J 7');
    expect(run.out.stdout).not.toContain('404');
    expect(run.out.stdout).not.toContain('fine');
  });

  it('errors --follow prints a logged newline or tab escaped, on the line of its error', async () => {
    const file = join(dir, 'logs-forged.jsonl');
    writeFileSync(file, '');
    const run = start(['errors', '--follow', '--file', file]);
    await until(() => run.out.stderr.includes('following'));
    const forged = JSON.parse(incident(8)) as Record<string, unknown>;
    forged.code = 'internal_server_error\n2024-05-24T10:00:09.000Z  500  fake';
    forged.error = { message: 'tab\there' };
    appendFileSync(file, `${JSON.stringify(forged)}\n`);
    await until(() => run.out.stdout.includes('8888'));
    run.stop();
    expect(await run.code).toBe(0);
    expect(run.out.stdout.trimEnd().split('\n')).toEqual([
      `2024-05-24T10:00:08.000Z  500  internal_server_error\\n2024-05-24T10:00:09.000Z 500 fake  ${'8'.repeat(16)}  1-6650e1f0-${'8'.padStart(24, '0')}  tab\\there`,
    ]);
  });

  it('keeps one abort listener however long it waits', async () => {
    const file = join(dir, 'quiet.jsonl');
    writeFileSync(file, '');
    const run = start(['errors', '--follow', '--file', file]);
    await until(() => run.out.stderr.includes('following'));
    const atStart = getEventListeners(run.signal, 'abort').length;
    // Two looks at the unchanged file (one each 250 ms): a listener left by each would show.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(getEventListeners(run.signal, 'abort').length).toBeLessThanOrEqual(atStart);
    run.stop();
    expect(await run.code).toBe(0);
    expect(run.out.stderr).not.toContain('MaxListenersExceeded');
  });

  it('a missing file is said at once (exit 1)', async () => {
    const result = await runCli(['errors', '--follow', '--file', join(dir, 'none.jsonl')], {
      env: {},
      cwd: dir,
    });
    expect(result.code).toBe(EXIT.notFound);
    expect(result.stderr).toContain('No log file at');
  });
});

describe('--follow on AWS: Live Tail', () => {
  const ARN = 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/demo-boom';
  const update = (messages: string[], sampled = false): StartLiveTailResponseStream => ({
    sessionUpdate: {
      sessionMetadata: { sampled },
      sessionResults: messages.map((message, index) => ({
        message,
        timestamp: Date.parse('2024-05-24T10:00:00.000Z') + index,
        logGroupIdentifier: ARN,
      })),
    },
  });

  it('filters to incident lines, says sampling once, resumes an ended session, ends on Ctrl-C', async () => {
    logs.on(DescribeLogGroupsCommand).resolves({
      logGroups: [{ logGroupName: '/aws/lambda/demo-boom', logGroupArn: ARN, arn: `${ARN}:*` }],
    });
    let sessions = 0;
    let stopRun = () => {};
    logs.on(StartLiveTailCommand).callsFake(() => {
      sessions += 1;
      const first = sessions === 1;
      async function* stream(): AsyncGenerator<StartLiveTailResponseStream> {
        yield { sessionStart: { sessionId: `s-${sessions}`, logGroupIdentifiers: [ARN] } };
        if (first) {
          yield update([incident(1), info], true);
          yield update([incident(2)], true);
          return; // the 3 hours are up: the CLI starts a new session
        }
        yield update([incident(3)]);
        stopRun();
      }
      return { responseStream: stream() };
    });
    const run = start(['errors', '--follow', '--json', '--log-group', '/aws/lambda/demo-boom']);
    stopRun = run.stop;
    expect(await run.code).toBe(0);
    expect(sessions).toBe(2);
    expect(logs.commandCalls(StartLiveTailCommand)[0]?.args[0].input).toEqual({
      logGroupIdentifiers: [ARN],
      logEventFilterPattern: INCIDENT_FILTER,
    });
    const printed = run.out.stdout
      .trimEnd()
      .split('\n')
      .map((text) => JSON.parse(text));
    expect(printed.map((error) => error.fingerprint)).toEqual(
      ['1', '2', '3'].map((d) => d.repeat(16)),
    );
    expect(run.out.stderr.match(/Live Tail is sampling/g)).toHaveLength(1);
    expect(run.out.stderr).toContain(
      'the Live Tail session ended (sessions last at most 3 hours); resuming',
    );
  });

  it('more than 10 log groups is a usage error before any session', async () => {
    const groups = Array.from({ length: 11 }, (_, i) => ['--log-group', `g${i}`]).flat();
    const run = start(['errors', '--follow', ...groups]);
    expect(await run.code).toBe(EXIT.usage);
    expect(run.out.stderr).toContain('Live Tail follows at most 10 log groups at once; 11 given');
    expect(logs.commandCalls(StartLiveTailCommand)).toHaveLength(0);
  });

  it('a refused session exits 3 naming the call, without looping', async () => {
    logs
      .on(DescribeLogGroupsCommand)
      .resolves({ logGroups: [{ logGroupName: 'g', logGroupArn: ARN }] });
    const denied = Object.assign(new Error('not authorized to StartLiveTail'), {
      name: 'AccessDeniedException',
    });
    logs.on(StartLiveTailCommand).rejects(denied);
    const run = start(['logs', '--follow', '--log-group', 'g']);
    expect(await run.code).toBe(EXIT.aws);
    expect(run.out.stderr).toContain('StartLiveTail failed: AccessDeniedException: not authorized');
  });
});
