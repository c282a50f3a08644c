import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  CloudWatchLogsClient,
  GetQueryResultsCommand,
  type ResultField,
  StartQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { type CliDeps, EXIT } from '../../src/cli/cli.js';
import { type CliOutcome, runCli } from '../support/logs-cli.js';

const TRACE = '1-6650e1f0-0123456789abcdef01234567';
const OTHER = '1-6650e1f0-0123456789abcdef01234568';
const logs = mockClient(CloudWatchLogsClient);
const dir = mkdtempSync(join(tmpdir(), 'len-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; deps?: CliDeps; tty?: boolean } = {},
): Promise<CliOutcome> =>
  runCli(
    args,
    {
      stderrIsTTY: options.tty ?? false,
      env: options.env ?? {},
      cwd: options.cwd ?? dir,
      now: () => 1_716_503_600_000,
    },
    options.deps,
  );

const line = (trace: string, fields: Record<string, unknown>) =>
  JSON.stringify({ timestamp: '2024-05-24T10:00:00.000Z', xray_trace_id: trace, ...fields });

const errorLine = line(TRACE, {
  level: 'ERROR',
  message: 'Unhandled error answered as 502 bad_gateway',
  timestamp: '2024-05-24T10:00:00.200Z',
  function_request_id: 'req-1',
  status: 502,
  code: 'bad_gateway',
  traceId: TRACE,
  requestId: 'req-1',
  error: {
    name: 'Error',
    message: 'Inventory service call failed',
    stack: 'Error: Inventory service call failed\n    at callInventory (upstream.ts:17:44)',
    cause: {
      name: 'Error',
      message: 'connect ECONNREFUSED 127.0.0.1:1',
      stack: 'Error: connect ECONNREFUSED 127.0.0.1:1\n    at TCPConnectWrap.afterConnect',
      code: 'ECONNREFUSED',
    },
  },
});

const row = (timestamp: string, message: string): ResultField[] => [
  { field: '@timestamp', value: timestamp },
  { field: '@message', value: message },
  { field: '@logStream', value: 'stream' },
  { field: '@log', value: '123456789012:/aws/lambda/demo-upstream' },
];

beforeEach(() => {
  logs.reset();
  logs.on(StartQueryCommand).resolves({ queryId: 'q-1' });
});

describe('arguments', () => {
  it.each([
    ['1-abc" | fields @message'],
    [`${TRACE}" | stats count(*) by @logStream`],
    [`${TRACE} | display @message`],
    ['1-6650e1f0-0123456789abcdef0123456'],
    ['1-6650E1F0-0123456789ABCDEF01234567'],
    ['Root=1-6650e1f0-0123456789abcdef01234567'],
    ['" or 1=1 --'],
    [''],
  ])('refuses the trace id %j with exit 2, before any query', async (traceId) => {
    const result = await cli(['logs', traceId, '--log-group', '/aws/lambda/demo']);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toContain('Not an X-Ray trace id');
    expect(result.stdout).toBe('');
    expect(logs.commandCalls(StartQueryCommand)).toHaveLength(0);
    expect(logs.commandCalls(GetQueryResultsCommand)).toHaveLength(0);
  });

  it.each([
    [[], 'Missing command: logs or errors'],
    [['errors', 'x'], 'Unexpected argument: x'],
    [['errors', '--limit', '0'], 'Invalid --limit'],
    [['tail', TRACE], 'Unknown command: tail'],
    [['logs'], 'Missing the trace id'],
    [['logs', TRACE, TRACE], 'Unexpected argument'],
    [['logs', TRACE, '--nope'], "Unknown option '--nope'"],
    [['logs', TRACE, '--stack', 'demo', '--log-group', 'g'], '--stack or --log-group'],
    [['logs', TRACE, '--file', 'x', '--log-group', 'g'], '--file'],
    [['logs', TRACE, '--log-group', 'g', '--since', '1y'], 'Invalid --since'],
    [['logs', TRACE, '--log-group', 'g', '--poll-interval', 'soon'], 'Invalid --poll-interval'],
    [['logs', TRACE, '--log-group', ' '], 'Empty name'],
    [
      ['logs', TRACE, '--file', 'x', '--status', '5xx'],
      '--status goes with errors and logs --follow; logs <traceId> prints every line of the request, whatever its status',
    ],
    [['logs', '--follow', '--file', 'x', '--status', '600'], 'Invalid --status "600"'],
  ])('%j is a usage error', async (args, message) => {
    const result = await cli(args);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
    expect(logs.commandCalls(StartQueryCommand)).toHaveLength(0);
  });

  it('prints the usage on --help', async () => {
    const result = await cli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: lambda-error-normalizer logs <traceId>');
  });
});

describe('AWS path', () => {
  it('queries every --log-group over --since and prints the lines with the stack and X-Ray link', async () => {
    logs
      .on(GetQueryResultsCommand)
      .resolvesOnce({ status: 'Running', statistics: { recordsScanned: 1500 } })
      .resolves({
        status: 'Complete',
        results: [
          row('2024-05-24 10:00:00.200', errorLine),
          row('2024-05-24 10:00:00.100', line(TRACE, { level: 'INFO', message: 'Calling' })),
          row('2024-05-24 10:00:00.300', `REPORT RequestId: req-1 XRAY TraceId: ${TRACE}`),
        ],
      });
    const result = await cli([
      'logs',
      TRACE,
      '--log-group',
      '/aws/lambda/demo-upstream',
      '--log-group',
      'demo-access',
      '--since',
      '30m',
      '--poll-interval',
      '1',
      '--region',
      'eu-west-1',
    ]);
    expect(result.code).toBe(EXIT.found);
    expect(logs.commandCalls(StartQueryCommand)[0]?.args[0].input).toMatchObject({
      logGroupNames: ['/aws/lambda/demo-upstream', 'demo-access'],
      startTime: 1_716_503_600 - 1_800,
      endTime: 1_716_503_600,
    });
    expect(result.stderr).toContain('query running… 1,500 records scanned');
    const out = result.stdout;
    expect(out).toContain('2024-05-24T10:00:00.000Z INFO  Calling');
    expect(out).toContain('2024-05-24T10:00:00.200Z ERROR Unhandled error answered as 502');
    // The stack with real newlines, indented, then the cause.
    expect(out).toContain(
      '    Error: Inventory service call failed\n        at callInventory (upstream.ts:17:44)\n    Caused by:\n      Error: connect ECONNREFUSED 127.0.0.1:1\n',
    );
    expect(out).toContain('(code=ECONNREFUSED)');
    expect(out).toContain(`2024-05-24 10:00:00.300 -     REPORT RequestId: req-1`);
    expect(out.indexOf('INFO  Calling')).toBeLessThan(out.indexOf('ERROR Unhandled'));
    expect(out).toContain(
      `https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#xray:traces/${TRACE}`,
    );
  });

  it('--json writes only the parsed lines to stdout, one JSON object each', async () => {
    logs
      .on(GetQueryResultsCommand)
      .resolvesOnce({ status: 'Running' })
      .resolves({
        status: 'Complete',
        results: [
          row('2024-05-24 10:00:00.200', errorLine),
          row('2024-05-24 10:00:00.300', `REPORT RequestId: req-1 XRAY TraceId: ${TRACE}`),
        ],
      });
    const result = await cli(
      ['logs', TRACE, '--log-group', 'g', '--json', '--poll-interval', '1'],
      { tty: true },
    );
    expect(result.code).toBe(EXIT.found);
    const lines = result.stdout.split('\n');
    expect(lines.pop()).toBe('');
    const parsed = lines.map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(parsed).toHaveLength(2);
    expect(parsed[0]).toEqual(JSON.parse(errorLine));
    expect(parsed[1]).toMatchObject({ '@message': expect.stringContaining('REPORT') });
    expect(result.stderr).toContain('query running…');
    expect(result.stderr).toContain('X-Ray trace: https://eu-west-1.console.aws.amazon.com');
  });

  it('exits 1 when the query finds nothing', async () => {
    logs.on(GetQueryResultsCommand).resolves({ status: 'Complete', results: [] });
    const result = await cli(['logs', TRACE, '--log-group', 'g', '--poll-interval', '1']);
    expect(result.code).toBe(EXIT.notFound);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`no log line mentions trace ${TRACE} in the last 1h`);
  });

  it('says on stderr when a query limit cut the result', async () => {
    logs.on(GetQueryResultsCommand).resolves({
      status: 'Complete',
      results: [row('2024-05-24 10:00:00.200', errorLine)],
      statistics: { recordsMatched: 150_000 },
    });
    const result = await cli(['logs', TRACE, '--log-group', 'g', '--json']);
    expect(result.code).toBe(EXIT.found);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('results cut: The trace id matched more lines');
    expect(result.stderr).toContain('(100,000)');
  });

  it('exits 3 naming the call and the error when AWS fails', async () => {
    const denied = new Error('User is not authorized to perform: logs:StartQuery');
    denied.name = 'AccessDeniedException';
    logs.on(StartQueryCommand).rejects(denied);
    const result = await cli(['logs', TRACE, '--log-group', 'g']);
    expect(result.code).toBe(EXIT.aws);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'StartQuery failed: AccessDeniedException: User is not authorized to perform: logs:StartQuery',
    );
  });

  it('exits 3 when the query fails', async () => {
    logs.on(GetQueryResultsCommand).resolves({ status: 'Failed' });
    const result = await cli(['logs', TRACE, '--log-group', 'g']);
    expect(result.code).toBe(EXIT.aws);
    expect(result.stderr).toContain('ended with status Failed');
  });

  it('--stack queries the log groups of the LogGroupNames output', async () => {
    const cloudFormation = mockClient(CloudFormationClient);
    cloudFormation.on(DescribeStacksCommand, { StackName: 'demo' }).resolves({
      Stacks: [
        {
          StackName: 'demo',
          CreationTime: new Date(),
          StackStatus: 'CREATE_COMPLETE',
          Outputs: [{ OutputKey: 'LogGroupNames', OutputValue: '/aws/lambda/a,b' }],
        },
      ],
    });
    logs.on(GetQueryResultsCommand).resolves({
      status: 'Complete',
      results: [row('2024-05-24 10:00:00.200', errorLine)],
    });
    const result = await cli(['logs', TRACE, '--stack', 'demo', '--json'], {
      deps: { cloudFormationClient: () => new CloudFormationClient({ region: 'eu-west-1' }) },
    });
    cloudFormation.restore();
    expect(result.code).toBe(EXIT.found);
    expect(logs.commandCalls(StartQueryCommand)[0]?.args[0].input.logGroupNames).toEqual([
      '/aws/lambda/a',
      'b',
    ]);
  });
});

describe('local path', () => {
  const file = join(dir, 'logs.jsonl');
  writeFileSync(
    file,
    [
      line(TRACE, { level: 'INFO', message: 'Calling', timestamp: '2024-05-24T10:00:00.100Z' }),
      line(OTHER, { level: 'INFO', message: `mentions ${TRACE} but is another request` }),
      'not json at all',
      errorLine,
      JSON.stringify({
        type: 'access',
        httpMethod: 'GET',
        path: '/upstream',
        status: 502,
        traceId: TRACE,
        timestamp: '2024-05-24T10:00:00.250Z',
        latencyMs: 9,
      }),
      JSON.stringify({ type: 'access', traceId: `${TRACE}0`, status: 200 }),
      line(OTHER, { level: 'ERROR', message: 'other' }),
      '',
    ].join('\n'),
  );

  it('prints the lines whose trace id is exactly the one asked for, in time order', async () => {
    const result = await cli(['logs', TRACE, '--file', file]);
    expect(result.code).toBe(EXIT.found);
    expect(result.stdout).toContain(`Trace ${TRACE}: 3 lines, request id req-1`);
    expect(result.stdout).toContain('INFO  Calling');
    expect(result.stdout).toContain('ERROR Unhandled error answered as 502 bad_gateway');
    expect(result.stdout).toContain('ACCESS GET /upstream -> 502 (9 ms)');
    expect(result.stdout).not.toContain('another request');
    expect(result.stdout).toContain(`X-Ray trace id: ${TRACE}`);
    expect(result.stdout).not.toContain('console.aws.amazon.com');
  });

  it('--json writes only those lines, as they were logged', async () => {
    const result = await cli(['logs', TRACE, '--file', file, '--json']);
    expect(result.code).toBe(EXIT.found);
    const parsed = result.stdout
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(parsed).toHaveLength(3);
    for (const entry of parsed) expect(entry.xray_trace_id ?? entry.traceId).toBe(TRACE);
    expect(result.stderr).toBe('');
  });

  it('without --file, --stack or --log-group: a usage error naming them, no silent default', async () => {
    const cwd = mkdtempSync(join(dir, 'cwd-'));
    mkdirSync(join(cwd, '.demo'));
    writeFileSync(join(cwd, '.demo', 'logs.jsonl'), `${errorLine}\n`);
    for (const args of [['logs', TRACE], ['errors'], ['errors', '--group']]) {
      const result = await cli(args, { cwd, env: { DEMO_LOG_FILE: file } });
      expect(result.code).toBe(EXIT.usage);
      expect(result.stderr).toMatch(/--file <path>.*--stack <name>/);
      expect(result.stdout).toBe('');
    }
    expect((await cli(['logs', TRACE, '--file', file])).code).toBe(0);
    const missing = await cli(['logs', TRACE, '--file', 'nowhere.jsonl'], { cwd });
    expect(missing.code).toBe(EXIT.notFound);
    expect(missing.stderr).toContain(`No log file at ${join(cwd, 'nowhere.jsonl')}`);
    expect(missing.stderr).toContain('npm run demo');
  });

  it('exits 1 when no line has the trace id', async () => {
    const result = await cli(['logs', '1-6650e1f0-ffffffffffffffffffffffff', '--file', file]);
    expect(result.code).toBe(EXIT.notFound);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('no log line of trace');
  });

  it('escapes terminal control characters of logged text', async () => {
    const evil = join(dir, 'evil.jsonl');
    writeFileSync(evil, `${line(TRACE, { level: 'WARN', message: 'path /\u001b[2Jx' })}\n`);
    const result = await cli(['logs', TRACE, '--file', evil]);
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stdout).toContain('\\u001b[2Jx');
  });
});
