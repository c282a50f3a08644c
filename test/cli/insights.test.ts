import * as cloudFormationSdk from '@aws-sdk/client-cloudformation';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import * as logsSdk from '@aws-sdk/client-cloudwatch-logs';
import {
  CloudWatchLogsClient,
  CloudWatchLogsServiceException,
  GetQueryResultsCommand,
  type GetQueryResultsResponse,
  type ResultField,
  StartQueryCommand,
  StopQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AwsCallError,
  PAGE_SIZE,
  parseSince,
  QueryEndedError,
  queryWindow,
  recordOfRow,
  runQuery,
} from '../../src/cli/insights.js';
import { traceQuery as queryString } from '../../src/cli/queries.js';
import { mergeRecords } from '../../src/cli/request-lines.js';
import { logGroupsOfStack, StackLookupError } from '../../src/cli/stack.js';

const TRACE = '1-6650e1f0-0123456789abcdef01234567';
const GROUPS = ['/aws/lambda/demo-boom', 'demo-access-logs'];
const logs = mockClient(CloudWatchLogsClient);
const client = new CloudWatchLogsClient({ region: 'eu-west-1' });

let pointers = 0;
const row = (timestamp: string, message: string, group = GROUPS[0]): ResultField[] => {
  pointers += 1;
  return [
    { field: '@timestamp', value: timestamp },
    { field: '@message', value: message },
    { field: '@logStream', value: '2024/05/24/[$LATEST]abc' },
    { field: '@log', value: `123456789012:${group}` },
    // Each log event has its own pointer.
    { field: '@ptr', value: `CmAKJgoi${pointers}` },
  ];
};

const complete = (results: ResultField[][]): GetQueryResultsResponse => ({
  status: 'Complete',
  results,
  statistics: { recordsMatched: results.length, recordsScanned: 1234, bytesScanned: 5678 },
});

const sdk = { logs: logsSdk, cloudFormation: cloudFormationSdk };

const run = (extra: Partial<Parameters<typeof runQuery>[0]> = {}) =>
  runQuery({
    sdk,
    client,
    logGroupNames: GROUPS,
    queryString: queryString(TRACE),
    startTime: 1_716_500_000,
    endTime: 1_716_503_600,
    pollIntervalMs: 1,
    ...extra,
  });

beforeEach(() => {
  logs.reset();
  logs.on(StartQueryCommand).resolves({ queryId: 'q-1' });
  logs.on(StopQueryCommand).resolves({ success: true });
});
afterEach(() => vi.useRealTimers());

describe('queryString', () => {
  it('filters on the trace id, sorted by time', () => {
    expect(queryString(TRACE)).toBe(
      `fields @timestamp, @message, @logStream, @log | filter @message like "${TRACE}" | sort @timestamp asc`,
    );
  });

  it.each([
    '1-abc" | fields @message',
    `${TRACE}" | stats count(*)`,
    '',
    '1-6650E1F0-0123456789ABCDEF01234567',
    `${TRACE} `,
  ])('refuses %j', (bad) => {
    expect(() => queryString(bad)).toThrow(TypeError);
  });
});

describe('--since and the query window', () => {
  it.each([
    ['90s', 90],
    ['30m', 1_800],
    ['1h', 3_600],
    ['2d', 172_800],
    ['1w', 604_800],
  ])('%s is %i seconds', (text, seconds) => {
    expect(parseSince(text)).toBe(seconds);
  });

  it.each(['', '0h', '-1h', '1', 'h', '1.5h', '1y', '1h30m', '99999999999999999999d'])(
    'refuses %j',
    (text) => {
      expect(parseSince(text)).toBeUndefined();
    },
  );

  it('is in epoch seconds, ending now (rounded up) and starting `since` before', () => {
    expect(queryWindow(3_600, 1_716_503_600_250)).toEqual({
      startTime: 1_716_500_000,
      endTime: 1_716_503_601,
    });
  });
});

describe('runQuery', () => {
  it('starts one query over the log groups with the exact query and window', async () => {
    logs.on(GetQueryResultsCommand).resolves(complete([]));
    await run();
    const calls = logs.commandCalls(StartQueryCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      logGroupNames: GROUPS,
      startTime: 1_716_500_000,
      endTime: 1_716_503_600,
      queryString: queryString(TRACE),
      // StartQuery's maximum (Logs Insights QL).
      limit: 100_000,
    });
    expect(logs.commandCalls(GetQueryResultsCommand)[0]?.args[0].input).toEqual({
      queryId: 'q-1',
      maxItems: 10_000,
    });
  });

  it('polls while the query is scheduled or running, reporting progress', async () => {
    logs
      .on(GetQueryResultsCommand)
      .resolvesOnce({ status: 'Scheduled' })
      .resolvesOnce({ status: 'Running', statistics: { recordsScanned: 10 } })
      .resolvesOnce({ status: 'Running', statistics: { recordsScanned: 500 } })
      .resolves(complete([row('2024-05-24 10:00:00.000', '{"level":"INFO","message":"hi"}')]));
    const progress: [string, number | undefined][] = [];
    const result = await run({
      onProgress: (status, statistics) => progress.push([status, statistics?.recordsScanned]),
    });
    expect(logs.commandCalls(GetQueryResultsCommand)).toHaveLength(4);
    expect(progress).toEqual([
      ['Scheduled', undefined],
      ['Running', 10],
      ['Running', 500],
    ]);
    expect(result.queryId).toBe('q-1');
    expect(result.records).toHaveLength(1);
    expect(result.truncated).toBe(false);
    expect(result.statistics?.recordsScanned).toBe(1234);
  });

  it('waits the poll interval between two polls', async () => {
    logs
      .on(GetQueryResultsCommand)
      .resolvesOnce({ status: 'Running' })
      .resolvesOnce({ status: 'Running' })
      .resolves(complete([]));
    const started = performance.now();
    await run({ pollIntervalMs: 40 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });

  it.each(['Failed', 'Cancelled', 'Timeout'] as const)(
    'ends with an error on %s',
    async (status) => {
      logs.on(GetQueryResultsCommand).resolvesOnce({ status: 'Running' }).resolves({ status });
      const error = await run().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QueryEndedError);
      expect((error as QueryEndedError).status).toBe(status);
      expect((error as Error).message).toContain('q-1');
      expect((error as Error).message).toContain(status);
      expect(logs.commandCalls(GetQueryResultsCommand)).toHaveLength(2);
    },
  );

  it('parses JSON messages, keeps others raw, and orders lines by time', async () => {
    const error = {
      level: 'ERROR',
      message: 'Unhandled error answered as 500 internal_server_error',
      timestamp: '2024-05-24T10:00:00.300Z',
      xray_trace_id: TRACE,
      error: { name: 'Error', message: 'boom', stack: 'Error: boom\n    at handler (boom.ts:6:9)' },
    };
    const info = { level: 'INFO', message: 'Loading', timestamp: '2024-05-24T10:00:00.100Z' };
    const report = `REPORT RequestId: 8f5e\tDuration: 12.3 ms\tXRAY TraceId: ${TRACE}\tSegmentId: 1a2b`;
    logs
      .on(GetQueryResultsCommand)
      .resolves(
        complete([
          row('2024-05-24 10:00:00.300', JSON.stringify(error)),
          row('2024-05-24 10:00:00.100', JSON.stringify(info)),
          row('2024-05-24 10:00:00.500', report),
          row(
            '2024-05-24 10:00:00.400',
            `2024-05-24T10:00:00.400Z\t8f5e\tINFO\t{"message":"prefixed","traceId":"${TRACE}"}`,
            GROUPS[1],
          ),
        ]),
      );
    const records = mergeRecords((await run()).records);
    expect(records.map((record) => record.timestamp)).toEqual([
      '2024-05-24T10:00:00.100Z',
      '2024-05-24T10:00:00.300Z',
      '2024-05-24 10:00:00.400',
      '2024-05-24 10:00:00.500',
    ]);
    expect(records[1]?.line).toEqual(error);
    expect((records[1]?.line?.error as { stack?: string } | undefined)?.stack).toContain(
      '\n    at handler',
    );
    expect(records[2]?.line).toEqual({ message: 'prefixed', traceId: TRACE });
    expect(records[2]?.logGroup).toBe(`123456789012:${GROUPS[1]}`);
    expect(records[3]?.line).toBeUndefined();
    expect(records[3]?.raw).toBe(report);
    expect(records[3]?.logStream).toBe('2024/05/24/[$LATEST]abc');
  });

  const rows = (n: number, from = 0) =>
    Array.from({ length: n }, (_, i) =>
      row('2024-05-24 10:00:00.000', JSON.stringify({ message: `line ${from + i}` })),
    );

  it('reads every page of the results through nextToken', async () => {
    logs
      .on(GetQueryResultsCommand, { queryId: 'q-1', maxItems: PAGE_SIZE })
      .resolvesOnce({ status: 'Running' })
      .resolvesOnce({ ...complete(rows(PAGE_SIZE)), nextToken: 'page-2' });
    logs
      .on(GetQueryResultsCommand, { queryId: 'q-1', maxItems: PAGE_SIZE, nextToken: 'page-2' })
      .resolves({ ...complete(rows(PAGE_SIZE, PAGE_SIZE)), nextToken: 'page-3' });
    logs
      .on(GetQueryResultsCommand, { queryId: 'q-1', maxItems: PAGE_SIZE, nextToken: 'page-3' })
      .resolves(complete(rows(5, 2 * PAGE_SIZE)));
    const result = await run();
    expect(logs.commandCalls(GetQueryResultsCommand)).toHaveLength(4);
    expect(result.records).toHaveLength(2 * PAGE_SIZE + 5);
    // Equal timestamps keep the order Insights gave, across pages.
    expect(result.records.map((record) => record.line?.message)).toEqual(
      Array.from({ length: 2 * PAGE_SIZE + 5 }, (_, i) => `line ${i}`),
    );
    expect(result.truncated).toBe(false);
  });

  it('says the results are cut when the query limit is reached or more lines matched', async () => {
    logs.on(GetQueryResultsCommand).resolves(complete(rows(3)));
    expect((await run({ limit: 3 })).truncated).toBe(true);
    expect((await run({ limit: 4 })).truncated).toBe(false);
    logs
      .on(GetQueryResultsCommand)
      .resolves({ ...complete(rows(3)), statistics: { recordsMatched: 7 } });
    expect((await run()).truncated).toBe(true);
  });

  it('names StartQuery and the SDK error when the query cannot start', async () => {
    logs.on(StartQueryCommand).rejects(
      new CloudWatchLogsServiceException({
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: {},
        message: 'User is not authorized to perform: logs:StartQuery',
      }),
    );
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect((error as AwsCallError).call).toBe('StartQuery');
    expect((error as Error).message).toBe(
      'StartQuery failed: AccessDeniedException: User is not authorized to perform: logs:StartQuery',
    );
    expect(logs.commandCalls(GetQueryResultsCommand)).toHaveLength(0);
  });

  it('names GetQueryResults and the SDK error when polling fails', async () => {
    const throttled = new Error('Rate exceeded');
    throttled.name = 'ThrottlingException';
    logs.on(GetQueryResultsCommand).resolvesOnce({ status: 'Running' }).rejects(throttled);
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect((error as AwsCallError).call).toBe('GetQueryResults');
    expect((error as Error).message).toBe(
      'GetQueryResults failed: ThrottlingException: Rate exceeded',
    );
  });

  it("refuses more than 50 log groups (Logs Insights' limit) before any call", async () => {
    const many = Array.from({ length: 51 }, (_, i) => `g${i}`);
    await expect(run({ logGroupNames: many })).rejects.toThrow(
      'One query reads at most 50 log groups; 51 given',
    );
    expect(logs.commandCalls(StartQueryCommand)).toHaveLength(0);
    await run({ logGroupNames: many.slice(0, 50) }).catch(() => undefined);
    expect(logs.commandCalls(StartQueryCommand)[0]?.args[0].input.logGroupNames).toHaveLength(50);
  });

  it('treats a StartQuery answer without a query id as a StartQuery failure', async () => {
    logs.on(StartQueryCommand).resolves({});
    await expect(run()).rejects.toThrow('StartQuery failed: Error: the answer has no queryId');
  });

  it('stops the query and gives up after maxWaitMs', async () => {
    logs.on(GetQueryResultsCommand).resolves({ status: 'Running' });
    const error = await run({ pollIntervalMs: 5, maxWaitMs: 30 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryEndedError);
    expect((error as Error).message).toMatch(/Gave up waiting .* still Running/);
    expect(logs.commandCalls(StopQueryCommand)[0]?.args[0].input).toEqual({ queryId: 'q-1' });
  });

  it('stops the query when aborted', async () => {
    logs.on(GetQueryResultsCommand).resolves({ status: 'Running' });
    const controller = new AbortController();
    const pending = run({ pollIntervalMs: 10_000, signal: controller.signal });
    await vi.waitFor(() => expect(logs.commandCalls(GetQueryResultsCommand)).toHaveLength(1));
    controller.abort(new Error('Interrupted'));
    await expect(pending).rejects.toThrow('Interrupted');
    expect(logs.commandCalls(StopQueryCommand)).toHaveLength(1);
  });
});

describe('recordOfRow', () => {
  it('falls back to @timestamp when the line has no timestamp of its own', () => {
    expect(recordOfRow(row('2024-05-24 10:00:00.000', 'START RequestId: 1')).timestamp).toBe(
      '2024-05-24 10:00:00.000',
    );
  });

  it('falls back to @timestamp when the line own timestamp reads as no time', () => {
    const line = JSON.stringify({ level: 'INFO', message: 'm', timestamp: 'not a date' });
    expect(recordOfRow(row('2024-05-24 10:00:00.000', line)).timestamp).toBe(
      '2024-05-24 10:00:00.000',
    );
    const dated = JSON.stringify({ message: 'm', timestamp: '2024-05-24T09:59:59.999Z' });
    expect(recordOfRow(row('2024-05-24 10:00:00.000', dated)).timestamp).toBe(
      '2024-05-24T09:59:59.999Z',
    );
  });
});

describe('--stack', () => {
  const cloudFormation = mockClient(CloudFormationClient);
  const cfn = new CloudFormationClient({ region: 'eu-west-1' });
  afterEach(() => cloudFormation.reset());

  it('reads the LogGroupNames output of the stack', async () => {
    cloudFormation.on(DescribeStacksCommand, { StackName: 'demo' }).resolves({
      Stacks: [
        {
          StackName: 'demo',
          CreationTime: new Date(),
          StackStatus: 'CREATE_COMPLETE',
          Outputs: [
            { OutputKey: 'ApiUrl', OutputValue: 'https://x' },
            { OutputKey: 'LogGroupNames', OutputValue: '/aws/lambda/a, /aws/lambda/b,access' },
          ],
        },
      ],
    });
    await expect(logGroupsOfStack(sdk, cfn, 'demo')).resolves.toEqual([
      '/aws/lambda/a',
      '/aws/lambda/b',
      'access',
    ]);
    expect(cloudFormation.commandCalls(DescribeStacksCommand)).toHaveLength(1);
  });

  it('says so when the stack has no LogGroupNames output', async () => {
    cloudFormation.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'demo',
          CreationTime: new Date(),
          StackStatus: 'CREATE_COMPLETE',
          Outputs: [{ OutputKey: 'ApiUrl', OutputValue: 'https://x' }],
        },
      ],
    });
    const error = await logGroupsOfStack(sdk, cfn, 'demo').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StackLookupError);
    expect((error as Error).message).toBe(
      'Stack demo has no ErrorNormalizerLogGroups… (ErrorMonitoring) or LogGroupNames output; name the log groups with --log-group',
    );
  });

  it('names DescribeStacks when it fails', async () => {
    const missing = new Error('Stack with id demo does not exist');
    missing.name = 'ValidationError';
    cloudFormation.on(DescribeStacksCommand).rejects(missing);
    await expect(logGroupsOfStack(sdk, cfn, 'demo')).rejects.toThrow(
      'DescribeStacks failed: ValidationError: Stack with id demo does not exist',
    );
  });
});
