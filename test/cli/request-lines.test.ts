/**
 * `logs <traceId>` finds every line of the request: the lines carrying the trace id, then the
 * lines of the Lambda requests they name, in the real shapes Lambda writes them (LogFormat
 * JSON: the Node.js runtime's console and `Invoke Error` lines, platform lines), Powertools
 * lines and API Gateway's access log line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
import { EXIT } from '../../src/cli/cli.js';
import { MAX_REQUEST_IDS, requestQuery, traceQuery } from '../../src/cli/queries.js';
import { runCli } from '../support/logs-cli.js';

const TRACE = '1-6650e1f0-0123456789abcdef01234567';
const REQ = '8f5e2b1c-3d4a-4e5f-9a6b-7c8d9e0f1a2b';
const OTHER_REQ = '11111111-2222-4333-8444-555555555555';
const API_REQ = 'c0ffee00-1234-4abc-8def-0123456789ab';
const logs = mockClient(CloudWatchLogsClient);
const dir = mkdtempSync(join(tmpdir(), 'len-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Lambda platform lines (LogFormat JSON); an unsampled request's lines have no `tracing`.
const platformStart = JSON.stringify({
  time: '2024-05-24T10:00:00.000Z',
  type: 'platform.start',
  record: { requestId: REQ, version: '$LATEST' },
});
const platformReport = JSON.stringify({
  time: '2024-05-24T10:00:00.400Z',
  type: 'platform.report',
  record: {
    requestId: REQ,
    metrics: { durationMs: 398.2, billedDurationMs: 399, memorySizeMB: 256, maxMemoryUsedMB: 91 },
    status: 'success',
  },
});
// The Node.js runtime's console.log line, and its line for a failed invocation.
const consoleLine = JSON.stringify({
  timestamp: '2024-05-24T10:00:00.150Z',
  level: 'INFO',
  requestId: REQ,
  message: 'Querying the reports table',
});
const invokeError = JSON.stringify({
  timestamp: '2024-05-24T10:00:00.350Z',
  level: 'ERROR',
  requestId: REQ,
  message: {
    errorType: 'Error',
    errorMessage: 'late failure',
    stackTrace: ['Error: late failure', '    at Runtime.handler (file:///var/task/index.mjs:1:1)'],
  },
});
// Powertools Logger with injectLambdaContext, and the middleware's report.
const powertools = JSON.stringify({
  level: 'INFO',
  message: 'Loading the report',
  timestamp: '2024-05-24T10:00:00.100Z',
  service: 'error-normalizer-demo',
  cold_start: true,
  function_name: 'demo-Boom',
  function_request_id: REQ,
  xray_trace_id: TRACE,
});
const report = JSON.stringify({
  level: 'ERROR',
  message: 'Unhandled error answered as 500 internal_server_error',
  timestamp: '2024-05-24T10:00:00.200Z',
  function_request_id: REQ,
  xray_trace_id: TRACE,
  status: 500,
  code: 'internal_server_error',
  kind: 'uncaught_error',
  traceId: TRACE,
  requestId: REQ,
  error: { name: 'Error', message: 'boom', stack: 'Error: boom\n    at handler (boom.ts:9:9)' },
});
// API Gateway's access log line (the demo stack's format): its requestId is API Gateway's.
const access = JSON.stringify({
  requestId: API_REQ,
  xrayTraceId: TRACE,
  integrationRequestId: REQ,
  requestTime: '1716544800450',
  httpMethod: 'GET',
  path: '/prod/boom',
  status: '500',
});

const row = (ptr: string, timestamp: string, message: string): ResultField[] => [
  { field: '@timestamp', value: timestamp },
  { field: '@message', value: message },
  { field: '@logStream', value: '2024/05/24/[$LATEST]abc' },
  { field: '@log', value: '123456789012:/aws/lambda/demo-Boom' },
  { field: '@ptr', value: ptr },
];

const cli = (args: string[]) =>
  runCli(args, { env: {}, cwd: dir, now: () => Date.parse('2024-05-24T10:30:00.000Z') });

beforeEach(() => logs.reset());

describe('queries', () => {
  it('looks the request ids up in the runtime, Powertools and platform fields', () => {
    expect(requestQuery([REQ, OTHER_REQ])).toBe(
      `fields @timestamp, @message, @logStream, @log | filter requestId in ["${REQ}", "${OTHER_REQ}"] or function_request_id in ["${REQ}", "${OTHER_REQ}"] or record.requestId in ["${REQ}", "${OTHER_REQ}"] | sort @timestamp asc`,
    );
  });

  it.each([`${REQ}"] or 1=1`, 'req-1', `${REQ} `, ''])('refuses the request id %j', (bad) => {
    expect(() => requestQuery([REQ, bad])).toThrow(TypeError);
  });

  it(`names at most ${MAX_REQUEST_IDS} request ids`, () => {
    expect(() => requestQuery([])).toThrow(RangeError);
    expect(() => requestQuery(Array.from({ length: MAX_REQUEST_IDS + 1 }, () => REQ))).toThrow(
      RangeError,
    );
  });
});

describe('logs on AWS', () => {
  it('finds the lines that carry only the request id, merged in time order, each once', async () => {
    logs.on(StartQueryCommand).resolvesOnce({ queryId: 'q-trace' }).resolves({ queryId: 'q-req' });
    logs.on(GetQueryResultsCommand, { queryId: 'q-trace' }).resolves({
      status: 'Complete',
      results: [
        row('p-powertools', '2024-05-24 10:00:00.100', powertools),
        row('p-report', '2024-05-24 10:00:00.200', report),
        row('p-access', '2024-05-24 10:00:00.450', access),
      ],
    });
    logs.on(GetQueryResultsCommand, { queryId: 'q-req' }).resolves({
      status: 'Complete',
      results: [
        row('p-start', '2024-05-24 10:00:00.000', platformStart),
        row('p-powertools', '2024-05-24 10:00:00.100', powertools),
        row('p-console', '2024-05-24 10:00:00.150', consoleLine),
        row('p-report', '2024-05-24 10:00:00.200', report),
        row('p-invoke', '2024-05-24 10:00:00.350', invokeError),
        row('p-platform-report', '2024-05-24 10:00:00.400', platformReport),
      ],
    });
    const result = await cli(['logs', TRACE, '--log-group', 'g', '--json', '--poll-interval', '0']);
    expect(result.code, result.stderr).toBe(EXIT.found);
    const queries = logs.commandCalls(StartQueryCommand).map((call) => call.args[0].input);
    expect(queries.map((input) => input.queryString)).toEqual([
      traceQuery(TRACE),
      requestQuery([REQ]),
    ]);
    expect(result.stdout.trimEnd().split('\n')).toEqual([
      platformStart,
      powertools,
      consoleLine,
      report,
      invokeError,
      platformReport,
      access,
    ]);
    expect(result.stderr).not.toContain('cut');
  });

  it('runs no second query when no line names a Lambda request id', async () => {
    logs.on(StartQueryCommand).resolves({ queryId: 'q-trace' });
    logs.on(GetQueryResultsCommand).resolves({
      status: 'Complete',
      results: [row('p-access', '2024-05-24 10:00:00.450', access.replace(REQ, '-'))],
    });
    const result = await cli(['logs', TRACE, '--log-group', 'g', '--poll-interval', '0']);
    expect(result.code).toBe(EXIT.found);
    expect(logs.commandCalls(StartQueryCommand)).toHaveLength(1);
  });
});

describe('logs on the local demo file', () => {
  it('shows the console.log line of the request, and no line of another request', async () => {
    const other = consoleLine.replace(REQ, OTHER_REQ).replace('Querying', 'Another');
    writeFileSync(
      join(dir, 'trace.jsonl'),
      `${[consoleLine, other, powertools, report, platformReport].join('\n')}\n`,
    );
    const result = await cli(['logs', TRACE, '--file', 'trace.jsonl', '--json']);
    expect(result.code, result.stderr).toBe(EXIT.found);
    expect(result.stdout.trimEnd().split('\n')).toEqual([
      powertools,
      consoleLine,
      report,
      platformReport,
    ]);
  });
});
