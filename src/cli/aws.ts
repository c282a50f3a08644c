/**
 * The AWS path of both commands: the log groups (named, or a stack's), the SDK clients, the
 * progress on stderr, and the queries: for `logs`, the lines carrying the trace id, then every
 * line of the Lambda requests they name; for `errors`, the middleware's report lines.
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CloudWatchLogsClient, QueryStatistics } from '@aws-sdk/client-cloudwatch-logs';
import type { Parsed } from './args.js';
import type { AwsSdk } from './aws-sdk.js';
import { oneLine } from './escape.js';
import { type ErrorGroup, groupsOfRows } from './groups.js';
import { type QueryResult, queryWindow, runQuery } from './insights.js';
import {
  errorGroupsQuery,
  errorsQuery,
  fingerprintsQuery,
  MAX_GROUPS,
  MAX_REQUEST_IDS,
  requestQuery,
  traceQuery,
} from './queries.js';
import type { LogRecord } from './record.js';
import { mergeRecords, requestIdsOf } from './request-lines.js';
import { logGroupsToRead } from './stack.js';

/** Where the AWS path writes its progress. */
export interface AwsIo {
  stderr: (text: string) => void;
  stderrIsTTY?: boolean;
  signal?: AbortSignal;
}

/** How the AWS path builds its clients (tests pass mocks). */
export interface AwsClients {
  logsClient?: (region: string | undefined) => CloudWatchLogsClient;
  cloudFormationClient?: (region: string | undefined) => CloudFormationClient;
}

/** What a query found, and what limited it. */
export interface AwsFound {
  records: LogRecord[];
  /** `errors --group`: the groups. */
  groups?: ErrorGroup[];
  region?: string;
  /** Why the result may be incomplete, one sentence each. */
  cuts: string[];
}

const progressLine = (status: string, statistics: QueryStatistics | undefined): string => {
  const scanned = statistics?.recordsScanned;
  const matched = statistics?.recordsMatched;
  const counts =
    scanned === undefined
      ? ''
      : ` ${Math.round(scanned).toLocaleString('en-US')} records scanned${matched === undefined ? '' : `, ${Math.round(matched)} matched`}`;
  return `query ${status.toLowerCase()}…${counts}`;
};

const CUT = (what: string) =>
  `${what} matched more lines than Logs Insights returns for one query (100,000); narrow --since to see the rest`;

/** Runs the command's queries on AWS. */
export const queryAws = async (
  options: Parsed,
  sdk: AwsSdk,
  io: AwsIo,
  clients: AwsClients,
  nowMs: number,
): Promise<AwsFound> => {
  const regionConfig = options.region === undefined ? {} : { region: options.region };
  const logGroupNames = await logGroupsToRead(options, sdk, clients.cloudFormationClient);
  const client =
    clients.logsClient?.(options.region) ?? new sdk.logs.CloudWatchLogsClient(regionConfig);
  try {
    const { startTime, endTime } = queryWindow(options.sinceSeconds, nowMs);
    io.stderr(
      `Querying ${logGroupNames.length} log group${logGroupNames.length === 1 ? '' : 's'} (${logGroupNames.map(oneLine).join(', ')}) over the last ${oneLine(options.since)}\n`,
    );
    let redraw = false;
    const query = (
      queryString: string,
      limit?: number,
      window = { startTime, endTime },
    ): Promise<QueryResult> =>
      runQuery({
        sdk,
        client,
        logGroupNames,
        queryString,
        ...window,
        pollIntervalMs: options.pollIntervalMs,
        ...(limit === undefined ? {} : { limit }),
        onProgress: (status, statistics) => {
          const text = progressLine(status, statistics);
          if (io.stderrIsTTY) {
            io.stderr(`\r\u001b[2K${text}`);
            redraw = true;
          } else {
            io.stderr(`${text}\n`);
          }
        },
        ...(io.signal === undefined ? {} : { signal: io.signal }),
      });

    const cuts: string[] = [];
    let records: LogRecord[] = [];
    let groups: ErrorGroup[] | undefined;
    if (options.command === 'errors' && options.group) {
      const found = await query(
        errorGroupsQuery(Math.min(options.limit, MAX_GROUPS), options.status),
      );
      const baseline = await query(fingerprintsQuery(options.status), MAX_GROUPS, {
        startTime: Math.max(0, startTime - options.baselineSeconds),
        endTime: startTime,
      });
      if (baseline.rows.length >= MAX_GROUPS) {
        cuts.push(
          `The baseline had more than ${MAX_GROUPS.toLocaleString('en-US')} fingerprints (Logs Insights' cap); "new" may mark an old group`,
        );
      }
      const seen = new Set(
        baseline.rows.flatMap((row) => row.find((f) => f.field === 'fingerprint')?.value ?? []),
      );
      groups = groupsOfRows(found.rows, seen);
    } else if (options.command === 'errors') {
      const found = await query(errorsQuery(options.status));
      if (found.truncated) cuts.push(CUT('The errors query'));
      records = found.records;
    } else {
      const byTrace = await query(traceQuery(options.traceId));
      if (byTrace.truncated) cuts.push(CUT('The trace id'));
      const requestIds = requestIdsOf(byTrace.records, options.traceId);
      if (requestIds.length > MAX_REQUEST_IDS) {
        cuts.push(
          `The trace names ${requestIds.length} Lambda requests; only the lines of the first ${MAX_REQUEST_IDS} that carry no trace id were looked up`,
        );
      }
      const byRequest =
        requestIds.length === 0
          ? undefined
          : await query(requestQuery(requestIds.slice(0, MAX_REQUEST_IDS)));
      if (byRequest?.truncated) cuts.push(CUT('The request ids'));
      records = mergeRecords(byTrace.records, byRequest?.records ?? []);
    }
    if (redraw) io.stderr('\r\u001b[2K');
    let region: string | undefined;
    try {
      region = await client.config.region();
    } catch {
      region = undefined;
    }
    return {
      records,
      cuts,
      ...(groups === undefined ? {} : { groups }),
      ...(region === undefined ? {} : { region }),
    };
  } finally {
    client.destroy();
  }
};
