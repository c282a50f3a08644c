/**
 * The AWS path of both commands: the log groups (named, or a stack's), the SDK clients, the
 * progress on stderr, and the queries: for `logs`, the lines carrying the trace id, then every
 * line of the Lambda requests they name; for `errors`, the middleware's report lines. Each
 * query runs once per batch of at most 50 log groups (./batches.ts) and its rows are merged.
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CloudWatchLogsClient, QueryStatistics } from '@aws-sdk/client-cloudwatch-logs';
import type { Parsed } from './args.js';
import type { AwsSdk } from './aws-sdk.js';
import { logGroupBatches, mergeLines, runBatches } from './batches.js';
import { oneLine } from './escape.js';
import { type ErrorGroup, groupsOfRows, mergeGroups } from './groups.js';
import { MAX_LOG_GROUPS_PER_QUERY, type QueryResult, queryWindow } from './insights.js';
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

const progressLine = (
  status: string,
  statistics: QueryStatistics | undefined,
  batch: string,
): string => {
  const scanned = statistics?.recordsScanned;
  const matched = statistics?.recordsMatched;
  const counts =
    scanned === undefined
      ? ''
      : ` ${Math.round(scanned).toLocaleString('en-US')} records scanned${matched === undefined ? '' : `, ${Math.round(matched)} matched`}`;
  return `query ${batch}${status.toLowerCase()}…${counts}`;
};

const CUT = (what: string) =>
  `${what} matched more lines than Logs Insights returns for one query (100,000); narrow --since to see the rest`;

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The fingerprints of a `stats … by fingerprint` result, over every batch. */
const fingerprintsOf = (results: readonly QueryResult[]): Set<string> =>
  new Set(
    results.flatMap((result) =>
      result.rows.flatMap((row) => row.find((f) => f.field === 'fingerprint')?.value ?? []),
    ),
  );

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
  const batches = logGroupBatches(logGroupNames);
  const client =
    clients.logsClient?.(options.region) ?? new sdk.logs.CloudWatchLogsClient(regionConfig);
  try {
    const { startTime, endTime } = queryWindow(options.sinceSeconds, nowMs);
    const split =
      batches.length > 1
        ? `, in ${batches.length} queries of at most ${MAX_LOG_GROUPS_PER_QUERY} (Logs Insights' limit per query), one after the other`
        : '';
    io.stderr(
      `Querying ${plural(logGroupNames.length, 'log group')} (${logGroupNames.map(oneLine).join(', ')}) over the last ${oneLine(options.since)}${split}\n`,
    );
    let redraw = false;
    // Every query goes through the batches, whatever it is; each caller merges its rows.
    const query = (
      queryString: string,
      limit?: number,
      window = { startTime, endTime },
    ): Promise<QueryResult[]> =>
      runBatches({
        sdk,
        client,
        batches,
        queryString,
        ...window,
        pollIntervalMs: options.pollIntervalMs,
        ...(limit === undefined ? {} : { limit }),
        onProgress: (status, statistics, batch) => {
          const text = progressLine(
            status,
            statistics,
            batches.length > 1 ? `${batch + 1}/${batches.length} ` : '',
          );
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
      const top = Math.min(options.limit, MAX_GROUPS);
      // One batch: Insights' own top groups. Several: every group of each batch (up to the
      // cap), so that a group's count adds up whole over the batches before the top is taken;
      // a batch's top alone could leave out a group that is frequent over all of them.
      const perBatch = batches.length > 1 ? MAX_GROUPS : top;
      const found = await query(errorGroupsQuery(perBatch, options.status));
      const baseline = await query(fingerprintsQuery(options.status), MAX_GROUPS, {
        startTime: Math.max(0, startTime - options.baselineSeconds),
        endTime: startTime,
      });
      if (baseline.some((result) => result.rows.length >= MAX_GROUPS)) {
        cuts.push(
          `The baseline had more than ${MAX_GROUPS.toLocaleString('en-US')} fingerprints (Logs Insights' cap); "new" may mark an old group`,
        );
      }
      if (batches.length > 1 && found.some((result) => result.rows.length >= MAX_GROUPS)) {
        cuts.push(
          `A query of ${MAX_LOG_GROUPS_PER_QUERY} log groups had more than ${MAX_GROUPS.toLocaleString('en-US')} fingerprints (Logs Insights' cap); a group's count added up over the ${batches.length} queries may be low`,
        );
      }
      const seen = fingerprintsOf(baseline);
      groups = mergeGroups(found.map((result) => groupsOfRows(result.rows, seen))).slice(0, top);
    } else if (options.command === 'errors') {
      // errorsQuery sorts newest first.
      const found = mergeLines(await query(errorsQuery(options.status)), 'desc');
      if (found.truncated) cuts.push(CUT('The errors query'));
      records = found.records;
    } else {
      // traceQuery and requestQuery sort oldest first.
      const byTrace = mergeLines(await query(traceQuery(options.traceId)), 'asc');
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
          : mergeLines(await query(requestQuery(requestIds.slice(0, MAX_REQUEST_IDS))), 'asc');
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
