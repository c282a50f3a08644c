/**
 * `errors --group`: one row per fingerprint, most frequent first, new groups marked; from the
 * local log file and from a recorded Logs Insights `stats … by fingerprint` answer.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudWatchLogsClient,
  GetQueryResultsCommand,
  type GetQueryResultsResponse,
  StartQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/cli.js';
import { errorGroupsQuery, fingerprintsQuery } from '../../src/cli/queries.js';
import { parseStatusFilter } from '../../src/cli/status-filter.js';
import { repoRoot } from '../support/lambda.js';
import { runCli } from '../support/logs-cli.js';

const logs = mockClient(CloudWatchLogsClient);
beforeEach(() => logs.reset());
const dir = mkdtempSync(join(tmpdir(), 'len-groups-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const NOW = Date.parse('2024-05-24T11:00:00.000Z');
const FIELDS = [
  'fingerprint',
  'count',
  'firstSeen',
  'lastSeen',
  'status',
  'code',
  'message',
  'traceId',
  'new',
];

let n = 0;
const line = (time: string, fingerprint: string, status: number, message: string) => {
  n += 1;
  const trace = `1-6650e1f0-${String(n).padStart(24, '0')}`;
  return JSON.stringify({
    level: status >= 500 ? 'ERROR' : 'WARN',
    message: `Unhandled error answered as ${status} x`,
    timestamp: time,
    status,
    code: status === 404 ? 'not_found' : 'internal_server_error',
    traceId: trace,
    fingerprint,
    fingerprintVersion: 1,
    error: { name: 'Error', message },
  });
};
const file = join(dir, 'logs.jsonl');
writeFileSync(
  file,
  `${[
    // Yesterday (inside the 1d baseline): group "old" existed before the window.
    line('2024-05-24T08:00:00.000Z', 'aaaaaaaaaaaaaaaa', 500, 'db down'),
    line('2024-05-24T10:10:00.000Z', 'aaaaaaaaaaaaaaaa', 500, 'db down'),
    line('2024-05-24T10:20:00.000Z', 'aaaaaaaaaaaaaaaa', 500, 'db down again'),
    line('2024-05-24T10:30:00.000Z', 'bbbbbbbbbbbbbbbb', 500, 'new \u001b[31mfailure'),
    line('2024-05-24T10:40:00.000Z', 'cccccccccccccccc', 404, 'no widget 7'),
    line('2024-05-24T10:45:00.000Z', 'cccccccccccccccc', 404, 'no widget 8'),
    line('2024-05-24T10:50:00.000Z', 'cccccccccccccccc', 404, 'no widget 9'),
    JSON.stringify({
      level: 'ERROR',
      message: 'no fingerprint',
      status: 500,
      code: 'x',
      timestamp: '2024-05-24T10:51:00.000Z',
    }),
  ].join('\n')}\n`,
);

const cli = (args: string[]) => runCli(args, { env: {}, cwd: dir, now: () => NOW });

describe('errors --group, local file', () => {
  it('--json: one array, exactly the documented fields, most frequent first, new marked', async () => {
    const result = await cli(['errors', '--group', '--json', '--file', file]);
    expect(result.code, result.stderr).toBe(EXIT.found);
    const groups = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(1);
    for (const group of groups) expect(Object.keys(group).sort()).toEqual([...FIELDS].sort());
    expect(groups.map((group) => [group.fingerprint, group.count, group.new])).toEqual([
      ['cccccccccccccccc', 3, true],
      ['aaaaaaaaaaaaaaaa', 2, false],
      ['bbbbbbbbbbbbbbbb', 1, true],
    ]);
    expect(groups[0]).toMatchObject({
      firstSeen: '2024-05-24T10:40:00.000Z',
      lastSeen: '2024-05-24T10:50:00.000Z',
      status: 404,
      code: 'not_found',
      message: 'no widget 9',
    });
    // The latest sample's trace id: the one `logs <traceId>` takes.
    expect(groups[1]?.message).toBe('db down again');
    expect(groups[1]?.traceId).toBe(`1-6650e1f0-${String(3).padStart(24, '0')}`);
    expect(result.stdout).not.toContain('\u001b');
  });

  it('--status, --limit and --since work as for errors; a short --baseline makes old groups new', async () => {
    const fivexx = JSON.parse(
      (await cli(['errors', '--group', '--json', '--file', file, '--status', '5xx'])).stdout,
    );
    expect(fivexx.map((group: { fingerprint: string }) => group.fingerprint)).toEqual([
      'aaaaaaaaaaaaaaaa',
      'bbbbbbbbbbbbbbbb',
    ]);
    const top = JSON.parse(
      (await cli(['errors', '--group', '--json', '--file', file, '--limit', '1'])).stdout,
    );
    expect(top).toHaveLength(1);
    const recent = JSON.parse(
      (await cli(['errors', '--group', '--json', '--file', file, '--since', '15m'])).stdout,
    );
    expect(recent.map((group: { count: number }) => group.count)).toEqual([2]);
    const short = JSON.parse(
      (await cli(['errors', '--group', '--json', '--file', file, '--baseline', '1h'])).stdout,
    );
    expect(short.every((group: { new: boolean }) => group.new)).toBe(true);
    expect((await cli(['errors', '--group', '--file', file, '--status', '600'])).code).toBe(
      EXIT.usage,
    );
  });

  it('prints a table with NEW marks, what first/last seen cover, and the logs command, escaped', async () => {
    const result = await cli(['errors', '--group', '--file', file]);
    expect(result.code).toBe(EXIT.found);
    const rows = result.stdout.split('\n');
    expect(rows[0]).toBe(
      '3 error groups (6 answered errors) in the last 1h, most frequent first; 2 new (not seen in the 1d before).',
    );
    expect(rows[1]).toBe('First and last seen cover only that window.');
    expect(rows.find((row) => row.includes('bbbbbbbbbbbbbbbb'))).toMatch(
      /^NEW\s+1\s+bbbbbbbbbbbbbbbb .*new \\u001b\[31mfailure$/,
    );
    expect(rows.find((row) => row.includes('aaaaaaaaaaaaaaaa'))).toMatch(
      /^\s+2\s+aaaaaaaaaaaaaaaa/,
    );
    expect(result.stdout).toContain(
      `The latest request of a group: lambda-error-normalizer logs --file ${JSON.stringify(file)} 1-6650e1f0-`,
    );
    expect(result.stdout).not.toContain('\u001b');
  });
});

describe('errors --group on AWS (recorded Logs Insights answer)', () => {
  const recorded = JSON.parse(
    readFileSync(join(repoRoot, 'test', 'cli', 'recorded', 'insights-error-groups.json'), 'utf8'),
  ) as GetQueryResultsResponse & { $comment?: string };
  delete recorded.$comment;

  it('runs the grouping query over the window and a baseline query before it, and lists the rows', async () => {
    logs
      .on(StartQueryCommand)
      .resolvesOnce({ queryId: 'q-groups' })
      .resolves({ queryId: 'q-baseline' });
    logs
      .on(GetQueryResultsCommand, { queryId: 'q-groups' })
      .resolves(recorded)
      .on(GetQueryResultsCommand, { queryId: 'q-baseline' })
      .resolves({
        status: 'Complete',
        results: [
          [
            { field: 'fingerprint', value: '9f2c1e07a4b3d855' },
            { field: 'count', value: '88' },
          ],
        ],
      });
    const result = await cli([
      'errors',
      '--group',
      '--json',
      '--log-group',
      'g',
      '--status',
      '5xx',
      '--poll-interval',
      '0',
    ]);
    expect(result.code, result.stderr).toBe(EXIT.found);
    const [groupsCall, baselineCall] = logs
      .commandCalls(StartQueryCommand)
      .map((call) => call.args[0].input);
    const status = parseStatusFilter('5xx');
    expect(groupsCall).toMatchObject({
      queryString: errorGroupsQuery(50, status),
      startTime: NOW / 1_000 - 3_600,
      endTime: NOW / 1_000,
    });
    expect(groupsCall?.queryString).toContain('(status >= 500 and status <= 599)');
    expect(baselineCall).toMatchObject({
      queryString: fingerprintsQuery(status),
      startTime: NOW / 1_000 - 3_600 - 86_400,
      endTime: NOW / 1_000 - 3_600,
    });
    const groups = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(groups).toEqual([
      {
        fingerprint: '9f2c1e07a4b3d855',
        count: 2000,
        firstSeen: '2024-05-24 10:01:12.004',
        lastSeen: '2024-05-24 10:59:58.311',
        status: 502,
        code: 'bad_gateway',
        message: 'Inventory service call failed',
        traceId: '1-6650e1f0-0123456789abcdef01234567',
        new: false,
      },
      expect.objectContaining({ fingerprint: '03d5b7a9e1f2c4d6', count: 3, new: true }),
    ]);
    // Valid JSON, and the forged escape in the message arrives escaped, not raw.
    expect(result.stdout).toContain('\\u001b[2J');
    expect(result.stdout).not.toContain('\u001b');
  });
});
