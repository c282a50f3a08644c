/**
 * More than 50 log groups (Logs Insights' limit per query): a stack with several
 * ErrorMonitoring outputs, or many `--log-group`. Every command's queries run once per batch of
 * at most 50, one after the other, and their rows are merged as one query would have returned
 * them; through the CLI, on a mocked Logs Insights.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  CloudWatchLogsClient,
  GetQueryResultsCommand,
  type ResultField,
  StartQueryCommand,
  StopQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXIT, main } from '../../src/cli/cli.js';
import {
  errorGroupsQuery,
  errorsQuery,
  fingerprintsQuery,
  requestQuery,
  traceQuery,
} from '../../src/cli/queries.js';
import { runCli } from '../support/logs-cli.js';

const logs = mockClient(CloudWatchLogsClient);
const cloudFormation = mockClient(CloudFormationClient);
afterAll(() => cloudFormation.restore());
const NOW = Date.parse('2024-05-24T11:00:00.000Z');
const TRACE = '1-6650e1f0-0123456789abcdef01234567';
const REQ = '8f5e2b1c-3d4a-4e5f-9a6b-7c8d9e0f1a2b';

const names = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => `/aws/lambda/${prefix}-${i}`);
// Two ErrorMonitoring constructs of 40 functions and an access log each: 82 log groups.
const FIRST = [...names(40, 'a'), '/aws/apigateway/access-a'];
const SECOND = [...names(40, 'b'), '/aws/apigateway/access-b'];
const ALL = [...FIRST, ...SECOND];

beforeEach(() => {
  logs.reset();
  cloudFormation.reset();
  cloudFormation.on(DescribeStacksCommand, { StackName: 'shop' }).resolves({
    Stacks: [
      {
        StackName: 'shop',
        CreationTime: new Date(),
        StackStatus: 'CREATE_COMPLETE',
        Outputs: [
          { OutputKey: 'ErrorNormalizerLogGroupsA1B2', OutputValue: FIRST.join(',') },
          { OutputKey: 'ErrorNormalizerLogGroupsC3D4', OutputValue: SECOND.join(',') },
        ],
      },
    ],
  });
  logs.on(StopQueryCommand).resolves({ success: true });
});

const cli = (args: string[]) =>
  runCli(
    [...args, '--poll-interval', '0'],
    { env: {}, now: () => NOW },
    { cloudFormationClient: () => new CloudFormationClient({ region: 'eu-west-1' }) },
  );

/**
 * StartQuery answers `q-<n>` (n from 1, in call order); `answer(n, queryString)` gives that
 * query's rows.
 */
const answering = (answer: (n: number, queryString: string) => ResultField[][]) => {
  let started = 0;
  const queries = new Map<string, { n: number; queryString: string }>();
  logs.on(StartQueryCommand).callsFake((input: { queryString: string }) => {
    started += 1;
    queries.set(`q-${started}`, { n: started, queryString: input.queryString });
    return { queryId: `q-${started}` };
  });
  logs.on(GetQueryResultsCommand).callsFake((input: { queryId: string }) => {
    const query = queries.get(input.queryId);
    if (query === undefined) throw new Error(`unknown query ${input.queryId}`);
    return { status: 'Complete', results: answer(query.n, query.queryString) };
  });
};

const started = () => logs.commandCalls(StartQueryCommand).map((call) => call.args[0].input);

const lineRow = (timestamp: string, line: Record<string, unknown>, n: number): ResultField[] => [
  { field: '@timestamp', value: timestamp },
  { field: '@message', value: JSON.stringify(line) },
  { field: '@log', value: `123456789012:${ALL[n]}` },
  { field: '@ptr', value: `ptr-${timestamp}` },
];

const report = (time: string, code: string) => ({
  level: 'ERROR',
  message: `Unhandled error answered as 500 ${code}`,
  timestamp: time,
  status: 500,
  code,
});

describe('more than 50 log groups', () => {
  it('errors --stack: 82 groups are 2 StartQuery calls of 50 and 32, merged newest first', async () => {
    answering((n) =>
      n === 1
        ? [
            lineRow('2024-05-24 10:20:00.000', report('2024-05-24T10:20:00.000Z', 'b20'), 0),
            lineRow('2024-05-24 10:00:00.000', report('2024-05-24T10:00:00.000Z', 'a00'), 1),
          ]
        : [
            lineRow('2024-05-24 10:30:00.000', report('2024-05-24T10:30:00.000Z', 'c30'), 60),
            lineRow('2024-05-24 10:10:00.000', report('2024-05-24T10:10:00.000Z', 'd10'), 81),
          ],
    );
    const result = await cli(['errors', '--stack', 'shop', '--json']);
    expect(result.code, result.stderr).toBe(EXIT.found);
    const calls = started();
    expect(calls.map((input) => input.logGroupNames)).toEqual([ALL.slice(0, 50), ALL.slice(50)]);
    expect(calls.map((input) => input.logGroupNames?.length)).toEqual([50, 32]);
    for (const input of calls) {
      // The same query over the same window, each batch.
      expect(input).toMatchObject({
        queryString: errorsQuery(),
        startTime: NOW / 1_000 - 3_600,
        endTime: NOW / 1_000,
        limit: 100_000,
      });
    }
    const codes = result.stdout
      .trimEnd()
      .split('\n')
      .map((text) => (JSON.parse(text) as { code: string }).code);
    expect(codes).toEqual(['c30', 'b20', 'd10', 'a00']);
    expect(result.stderr).toContain(`Querying 82 log groups (${ALL.join(', ')}) over the last 1h`);
    expect(result.stderr).toContain(
      "over the last 1h, in 2 queries of at most 50 (Logs Insights' limit per query), one after the other\n",
    );
  });

  it('60 --log-group (one named twice): one list without the repeat, in 2 queries of 50 and 10', async () => {
    answering(() => []);
    const groups = names(60, 'g');
    const args = [...groups, groups[7] ?? ''].flatMap((group) => ['--log-group', group]);
    const result = await cli(['errors', ...args]);
    expect(result.code).toBe(EXIT.notFound);
    expect(started().map((input) => input.logGroupNames)).toEqual([
      groups.slice(0, 50),
      groups.slice(50),
    ]);
    expect(result.stderr).toContain('Querying 60 log groups');
  });

  it('a repeated --log-group is read once (no line listed twice)', async () => {
    answering(() => [
      lineRow('2024-05-24 10:00:00.000', report('2024-05-24T10:00:00.000Z', 'once'), 0),
    ]);
    const result = await cli(['errors', '--log-group', 'g', '--log-group', 'g', '--json']);
    expect(result.code).toBe(EXIT.found);
    expect(started().map((input) => input.logGroupNames)).toEqual([['g']]);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(1);
  });

  it('logs <traceId>: the trace query and the request query each run per batch, lines merged in time order', async () => {
    const withTrace = {
      level: 'ERROR',
      message: 'Unhandled error answered as 502 bad_gateway',
      timestamp: '2024-05-24T10:00:00.200Z',
      xray_trace_id: TRACE,
      function_request_id: REQ,
    };
    const access = {
      type: 'access',
      httpMethod: 'GET',
      path: '/orders',
      status: 502,
      xrayTraceId: TRACE,
      timestamp: '2024-05-24T10:00:00.300Z',
    };
    const consoleLine = {
      level: 'INFO',
      message: 'Calling inventory',
      timestamp: '2024-05-24T10:00:00.100Z',
      requestId: REQ,
    };
    answering((n, queryString) => {
      if (queryString === traceQuery(TRACE)) {
        // The function's line in the first batch, the access log in the second.
        return n === 1
          ? [lineRow('2024-05-24 10:00:00.200', withTrace, 3)]
          : [lineRow('2024-05-24 10:00:00.300', access, 81)];
      }
      // The request's console line is in a log group of the second batch.
      return n === 4 ? [lineRow('2024-05-24 10:00:00.100', consoleLine, 70)] : [];
    });
    const result = await cli(['logs', TRACE, '--stack', 'shop', '--json']);
    expect(result.code, result.stderr).toBe(EXIT.found);
    expect(started().map((input) => [input.queryString, input.logGroupNames?.length])).toEqual([
      [traceQuery(TRACE), 50],
      [traceQuery(TRACE), 32],
      [requestQuery([REQ]), 50],
      [requestQuery([REQ]), 32],
    ]);
    const lines = result.stdout
      .trimEnd()
      .split('\n')
      .map((text) => JSON.parse(text) as { timestamp: string });
    expect(lines.map((line) => line.timestamp)).toEqual([
      '2024-05-24T10:00:00.100Z',
      '2024-05-24T10:00:00.200Z',
      '2024-05-24T10:00:00.300Z',
    ]);
  });

  const groupRow = (fields: Record<string, string>): ResultField[] =>
    Object.entries(fields).map(([field, value]) => ({ field, value }));

  it('errors --group: counts summed, first seen the earliest, last seen (and its sample) the latest', async () => {
    const answer = (n: number): ResultField[][] => {
      if (n === 1) {
        return [
          groupRow({
            fingerprint: 'aaaaaaaaaaaaaaaa',
            count: '5',
            firstSeen: '2024-05-24 10:05:00.000',
            lastSeen: '2024-05-24 10:40:00.000',
            status: '502',
            code: 'bad_gateway',
            message: 'older sample',
            traceId: '1-6650e1f0-000000000000000000000001',
          }),
          groupRow({
            fingerprint: 'bbbbbbbbbbbbbbbb',
            count: '2',
            firstSeen: '2024-05-24 10:10:00.000',
            lastSeen: '2024-05-24 10:11:00.000',
            status: '404',
            code: 'not_found',
            message: 'no widget',
            traceId: '1-6650e1f0-000000000000000000000002',
          }),
        ];
      }
      if (n === 2) {
        return [
          groupRow({
            fingerprint: 'cccccccccccccccc',
            count: '6',
            firstSeen: '2024-05-24 10:20:00.000',
            lastSeen: '2024-05-24 10:30:00.000',
            status: '500',
            code: 'internal_server_error',
            message: 'boom',
            traceId: '1-6650e1f0-000000000000000000000003',
          }),
          groupRow({
            fingerprint: 'aaaaaaaaaaaaaaaa',
            count: '3',
            firstSeen: '2024-05-24 10:01:00.000',
            lastSeen: '2024-05-24 10:50:00.000',
            status: '503',
            code: 'service_unavailable',
            message: 'latest sample',
            traceId: '1-6650e1f0-000000000000000000000004',
          }),
        ];
      }
      // The baseline: b was seen before the window, in the first batch only.
      return n === 3 ? [groupRow({ fingerprint: 'bbbbbbbbbbbbbbbb', count: '1' })] : [];
    };
    answering(answer);
    const result = await cli(['errors', '--group', '--stack', 'shop', '--json']);
    expect(result.code, result.stderr).toBe(EXIT.found);
    const calls = started();
    expect(calls.map((input) => [input.queryString, input.logGroupNames?.length])).toEqual([
      // Every group of each batch (not each batch's top 50), so that counts add up whole.
      [errorGroupsQuery(10_000), 50],
      [errorGroupsQuery(10_000), 32],
      [fingerprintsQuery(), 50],
      [fingerprintsQuery(), 32],
    ]);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        fingerprint: 'aaaaaaaaaaaaaaaa',
        count: 8,
        firstSeen: '2024-05-24 10:01:00.000',
        lastSeen: '2024-05-24 10:50:00.000',
        status: 503,
        code: 'service_unavailable',
        message: 'latest sample',
        traceId: '1-6650e1f0-000000000000000000000004',
        new: true,
      },
      expect.objectContaining({ fingerprint: 'cccccccccccccccc', count: 6, new: true }),
      expect.objectContaining({ fingerprint: 'bbbbbbbbbbbbbbbb', count: 2, new: false }),
    ]);
    answering(answer);
    const top = await cli(['errors', '--group', '--stack', 'shop', '--json', '--limit', '2']);
    expect(
      (JSON.parse(top.stdout) as { fingerprint: string }[]).map((group) => group.fingerprint),
    ).toEqual(['aaaaaaaaaaaaaaaa', 'cccccccccccccccc']);
  });

  it('errors --group: says so when a batch hit the 10,000 fingerprints cap', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      groupRow({ fingerprint: i.toString(16).padStart(16, '0'), count: '1' }),
    );
    answering((n) => (n === 1 ? many : []));
    const result = await cli(['errors', '--group', '--stack', 'shop', '--limit', '1']);
    expect(result.code).toBe(EXIT.found);
    expect(result.stderr).toContain(
      "results cut: A query of 50 log groups had more than 10,000 fingerprints (Logs Insights' cap); a group's count added up over the 2 queries may be low.",
    );
  });

  it('a batch that fails ends the run (exit 3) and no later batch starts', async () => {
    const denied = Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' });
    logs.on(StartQueryCommand).rejects(denied);
    const result = await cli(['errors', '--stack', 'shop']);
    expect(result.code).toBe(EXIT.aws);
    expect(result.stderr).toContain('StartQuery failed: AccessDeniedException: not authorized');
    expect(started()).toHaveLength(1);
  });

  it('Ctrl-C stops the running batch (StopQuery) and starts no other', async () => {
    logs.on(StartQueryCommand).resolves({ queryId: 'q-running' });
    logs.on(GetQueryResultsCommand).resolves({ status: 'Running' });
    const controller = new AbortController();
    const code = main(
      ['errors', '--stack', 'shop', '--poll-interval', '10000'],
      { stdout: () => {}, stderr: () => {}, env: {}, signal: controller.signal },
      {
        logsClient: () => new CloudWatchLogsClient({ region: 'eu-west-1' }),
        cloudFormationClient: () => new CloudFormationClient({ region: 'eu-west-1' }),
      },
    );
    await vi.waitFor(() => expect(logs.commandCalls(GetQueryResultsCommand)).toHaveLength(1));
    controller.abort(new Error('Interrupted'));
    await code;
    expect(started().map((input) => input.logGroupNames?.length)).toEqual([50]);
    expect(logs.commandCalls(StopQueryCommand).map((call) => call.args[0].input)).toEqual([
      { queryId: 'q-running' },
    ]);
  });
});
