/**
 * `errors`: the middleware's report lines read back, newest first, with a count by code; on
 * AWS through a mocked Logs Insights, locally from a log file. And the AWS SDK clients, which
 * are optional peers: loaded on the AWS path only, with a clear message when missing.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudWatchLogsClient,
  GetQueryResultsCommand,
  type ResultField,
  StartQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { newestFirst } from '../../src/cli/answered-errors.js';
import type { AwsSdk } from '../../src/cli/aws-sdk.js';
import { type CliDeps, EXIT } from '../../src/cli/cli.js';
import { errorsQuery } from '../../src/cli/queries.js';
import { runCli } from '../support/logs-cli.js';

const logs = mockClient(CloudWatchLogsClient);
const dir = mkdtempSync(join(tmpdir(), 'len-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const NOW = Date.parse('2024-05-24T11:00:00.000Z');

const reportLine = (time: string, status: number, code: string, n: number, extra = {}) =>
  JSON.stringify({
    level: status >= 500 ? 'ERROR' : 'WARN',
    message: `Unhandled error answered as ${status} ${code}`,
    timestamp: time,
    function_name: 'demo-Boom',
    function_request_id: `0000000${n}-0000-4000-8000-000000000000`,
    xray_trace_id: `1-6650e1f0-00000000000000000000000${n}`,
    status,
    code,
    kind: 'uncaught_error',
    eventSource: 'apigateway-rest',
    traceId: `1-6650e1f0-00000000000000000000000${n}`,
    requestId: `0000000${n}-0000-4000-8000-000000000000`,
    ...extra,
  });
const lines = [
  reportLine('2024-05-24T10:50:00.000Z', 500, 'internal_server_error', 1),
  reportLine('2024-05-24T10:55:00.000Z', 404, 'not_found', 2),
  // A maintenance answer: another message, same fields.
  JSON.stringify({
    level: 'WARN',
    message: 'Maintenance window: answered 503 service_unavailable',
    timestamp: '2024-05-24T10:58:00.000Z',
    status: 503,
    code: 'service_unavailable',
    traceId: '1-6650e1f0-000000000000000000000003',
    requestId: '00000003-0000-4000-8000-000000000000',
  }),
  reportLine('2024-05-24T10:59:00.000Z', 500, 'internal_server_error', 4),
  // Not answered errors: an INFO line with a status, the access log, an old report.
  JSON.stringify({ level: 'INFO', message: 'ok', status: 200, code: 'fine' }),
  JSON.stringify({ type: 'access', status: 500, traceId: '1-6650e1f0-000000000000000000000004' }),
  reportLine('2024-05-24T09:00:00.000Z', 500, 'internal_server_error', 5),
];

/** The local path needs --file (the demo's scripts pass it); the AWS path names its groups. */
const cli = (args: string[], deps: CliDeps = {}) =>
  runCli(
    args.includes('--stack') || args.includes('--log-group')
      ? args
      : [...args, '--file', '.demo/logs.jsonl'],
    { env: {}, cwd: dir, now: () => NOW },
    deps,
  );

const json = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .map((text) => JSON.parse(text) as Record<string, unknown>);

beforeEach(() => logs.reset());

describe('errors on the local demo file', () => {
  mkdirSync(join(dir, '.demo'));
  writeFileSync(join(dir, '.demo', 'logs.jsonl'), `${lines.join('\n')}\n`);

  it('--json: one object per answered error of the last hour, newest first', async () => {
    const result = await cli(['errors', '--json']);
    expect(result.code, result.stderr).toBe(EXIT.found);
    const errors = json(result.stdout);
    expect(errors.map((error) => [error.status, error.code])).toEqual([
      [500, 'internal_server_error'],
      [503, 'service_unavailable'],
      [404, 'not_found'],
      [500, 'internal_server_error'],
    ]);
    expect(errors[0]).toEqual({
      time: '2024-05-24T10:59:00.000Z',
      status: 500,
      code: 'internal_server_error',
      level: 'ERROR',
      message: 'Unhandled error answered as 500 internal_server_error',
      function: 'demo-Boom',
      traceId: '1-6650e1f0-000000000000000000000004',
      requestId: '00000004-0000-4000-8000-000000000000',
      kind: 'uncaught_error',
    });
  });

  it('prints a table, the count by code and the logs hint; --since widens the window', async () => {
    const result = await cli(['errors', '--since', '3h', '--limit', '2']);
    expect(result.code).toBe(EXIT.found);
    expect(result.stdout).toContain(
      '5 answered errors in the last 3h; the latest 2, newest first:',
    );
    expect(result.stdout).toMatch(/TIME +STATUS +CODE +FUNCTION +TRACE ID +REQUEST ID/);
    expect(result.stdout).toMatch(
      /2024-05-24T10:59:00.000Z +500 +internal_server_error +demo-Boom +1-6650e1f0-000000000000000000000004 +00000004-/,
    );
    expect(result.stdout).not.toContain('10:55:00');
    expect(result.stdout).toContain(
      'By code:\n  internal_server_error  3\n  not_found              1\n  service_unavailable    1\n',
    );
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(
      'Every line of one request: lambda-error-normalizer logs --file ".demo/logs.jsonl" 1-6650e1f0-000000000000000000000004',
    );
  });

  it('exits 1 when no error was answered in the window', async () => {
    const result = await cli(['errors', '--since', '30s']);
    expect(result.code).toBe(EXIT.notFound);
    expect(result.stderr).toContain('no answered error in the last 30s');
  });
});

describe('errors on AWS', () => {
  const row = (message: string, n: number): ResultField[] => [
    { field: '@timestamp', value: '2024-05-24 10:00:00.000' },
    { field: '@message', value: message },
    { field: '@ptr', value: `ptr-${n}` },
  ];

  it('runs the errors query over the window and lists what it returns, newest first', async () => {
    logs.on(StartQueryCommand).resolves({ queryId: 'q-errors' });
    logs
      .on(GetQueryResultsCommand)
      .resolvesOnce({ status: 'Running', statistics: { recordsScanned: 10 } })
      .resolves({ status: 'Complete', results: lines.slice(0, 4).map(row) });
    const result = await cli(['errors', '--log-group', 'g', '--json', '--poll-interval', '0']);
    expect(result.code, result.stderr).toBe(EXIT.found);
    expect(logs.commandCalls(StartQueryCommand)[0]?.args[0].input).toMatchObject({
      logGroupNames: ['g'],
      queryString: errorsQuery(),
      startTime: NOW / 1_000 - 3_600,
      endTime: NOW / 1_000,
    });
    expect(result.stderr).toContain('query running… 10 records scanned');
    expect(json(result.stdout).map((error) => error.code)).toEqual([
      'internal_server_error',
      'service_unavailable',
      'not_found',
      'internal_server_error',
    ]);
  });

  it('exits 3 naming the call when the query cannot start', async () => {
    const denied = new Error('not authorized');
    denied.name = 'AccessDeniedException';
    logs.on(StartQueryCommand).rejects(denied);
    const result = await cli(['errors', '--stack', 'demo'], {
      cloudFormationClient: () => {
        throw denied;
      },
    });
    expect(result.code).toBe(EXIT.aws);
  });
});

describe('a line whose time cannot be read', () => {
  const file = join(dir, 'undated.jsonl');
  const fingerprinted = (line: string, fingerprint: string) =>
    JSON.stringify({ ...JSON.parse(line), fingerprint });
  writeFileSync(
    file,
    `${[
      fingerprinted(
        reportLine('2024-05-24T10:59:00.000Z', 500, 'internal_server_error', 1),
        'a'.repeat(16),
      ),
      fingerprinted(
        reportLine('', 503, 'service_unavailable', 2, { timestamp: undefined }),
        'b'.repeat(16),
      ),
      fingerprinted(reportLine('not a date', 404, 'not_found', 3), 'c'.repeat(16)),
    ].join('\n')}\n`,
  );
  const local = (args: string[]) =>
    runCli([...args, '--file', file], { env: {}, cwd: dir, now: () => NOW });
  const LEFT_OUT =
    'results cut: 2 answered errors have no readable timestamp, so they cannot be placed in the --since window and were left out.';

  it('is left out of a --since window, and said so on stderr', async () => {
    const result = await local(['errors', '--since', '1s', '--json']);
    expect(result.code).toBe(EXIT.notFound);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(LEFT_OUT);
  });

  it('is left out of the default window too (every listing has one); only the dated error is listed', async () => {
    const result = await local(['errors', '--json']);
    expect(result.code).toBe(EXIT.found);
    expect(json(result.stdout).map((error) => error.time)).toEqual(['2024-05-24T10:59:00.000Z']);
    expect(result.stderr).toContain(LEFT_OUT);
    const fourxx = await local(['errors', '--status', '4xx']);
    expect(fourxx.code).toBe(EXIT.notFound);
    expect(fourxx.stderr).toContain(
      'results cut: 1 answered error has no readable timestamp, so it cannot be placed in the --since window and was left out.',
    );
  });

  it('errors --group: no group is seen at "not a date"', async () => {
    const result = await local(['errors', '--group', '--json']);
    expect(result.code).toBe(EXIT.found);
    expect(JSON.parse(result.stdout)).toEqual([
      expect.objectContaining({
        fingerprint: 'a'.repeat(16),
        count: 1,
        firstSeen: '2024-05-24T10:59:00.000Z',
        lastSeen: '2024-05-24T10:59:00.000Z',
      }),
    ]);
    expect(result.stderr).toContain(LEFT_OUT);
    const table = await local(['errors', '--group']);
    expect(table.stdout).not.toContain('not a date');
  });

  it("on AWS takes Insights' @timestamp, and sorts by it", async () => {
    logs.on(StartQueryCommand).resolves({ queryId: 'q-errors' });
    logs.on(GetQueryResultsCommand).resolves({
      status: 'Complete',
      results: [
        [
          { field: '@timestamp', value: '2024-05-24 10:40:00.000' },
          { field: '@message', value: reportLine('2024-05-24T10:40:00.000Z', 500, 'dated', 4) },
        ],
        [
          { field: '@timestamp', value: '2024-05-24 10:30:00.000' },
          { field: '@message', value: reportLine('not a date', 502, 'undated', 5) },
        ],
      ],
    });
    const result = await cli(['errors', '--log-group', 'g', '--json', '--poll-interval', '0']);
    expect(result.code, result.stderr).toBe(EXIT.found);
    expect(json(result.stdout).map((error) => [error.code, error.time])).toEqual([
      ['dated', '2024-05-24T10:40:00.000Z'],
      ['undated', '2024-05-24 10:30:00.000'],
    ]);
  });

  it('sorts last, newest first', () => {
    const at = (time: string) => ({ time, status: 500, code: time, level: 'ERROR', message: '' });
    expect(
      newestFirst([
        at('not a date'),
        at('2024-05-24T10:00:00.000Z'),
        at(''),
        at('2024-05-24T10:30:00.000Z'),
      ]).map((error) => error.code),
    ).toEqual(['2024-05-24T10:30:00.000Z', '2024-05-24T10:00:00.000Z', '', 'not a date']);
  });
});

describe('the AWS SDK, an optional peer', () => {
  const missing = (calls: string[]) => async (): Promise<AwsSdk> => {
    calls.push('load');
    throw Object.assign(new Error("Cannot find package '@aws-sdk/client-cloudwatch-logs'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
  };

  it.each([
    [['errors', '--log-group', 'g']],
    [['logs', '1-6650e1f0-000000000000000000000004', '--stack', 'demo']],
  ])('%j without it: exit 3 and the install command', async (args) => {
    const calls: string[] = [];
    const result = await cli(args, { loadSdk: missing(calls) });
    expect(calls).toEqual(['load']);
    expect(result.code).toBe(EXIT.aws);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'npm install --save-dev @aws-sdk/client-cloudwatch-logs @aws-sdk/client-cloudformation',
    );
    expect(logs.commandCalls(StartQueryCommand)).toHaveLength(0);
  });

  it('the local path never loads it', async () => {
    const calls: string[] = [];
    const result = await cli(['errors', '--json'], { loadSdk: missing(calls) });
    expect(result.code).toBe(EXIT.found);
    expect(calls).toEqual([]);
  });
});
