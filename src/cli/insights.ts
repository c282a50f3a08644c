/**
 * One CloudWatch Logs Insights query: started, polled until it ends, its results read page by
 * page. The query strings are built (and their inputs validated) in ./queries.ts.
 *
 * Limits (StartQuery and GetQueryResults API references): a query reads at most 50 log groups
 * (`logGroupNames`; ./batches.ts runs one query per batch of them), returns at most 100,000 rows
 * (`limit`), GetQueryResults at most 10,000 per call, the rest through `nextToken`.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type {
  CloudWatchLogsClient,
  GetQueryResultsResponse,
  QueryStatistics,
  ResultField,
} from '@aws-sdk/client-cloudwatch-logs';
import type { AwsSdk } from './aws-sdk.js';
import { type LogRecord, lineTime, parseLogLine } from './record.js';

/** Most rows one Logs Insights query returns (StartQuery's `limit` maximum). */
export const MAX_RESULTS = 100_000;
/** Most rows one GetQueryResults call returns; more come through `nextToken`. */
export const PAGE_SIZE = 10_000;
/** Most log groups one Logs Insights query reads (StartQuery's `logGroupNames` maximum). */
export const MAX_LOG_GROUPS_PER_QUERY = 50;

/** An AWS call that failed: which one, and the SDK's error. */
export class AwsCallError extends Error {
  override name = 'AwsCallError';
  constructor(
    /** The API operation, e.g. `StartQuery`. */
    readonly call: string,
    override readonly cause: unknown,
  ) {
    super(`${call} failed: ${describeAwsError(cause)}`, { cause });
  }
}

/** A query that ended as `Failed`, `Cancelled` or `Timeout`, or that we stopped waiting for. */
export class QueryEndedError extends Error {
  override name = 'QueryEndedError';
  constructor(
    readonly queryId: string,
    /** The query's last status. */
    readonly status: string,
    message = status === 'Timeout'
      ? `Logs Insights query ${queryId} timed out (status Timeout); narrow --since`
      : `Logs Insights query ${queryId} ended with status ${status}`,
  ) {
    super(message);
  }
}

/** `ErrorName: message` of an SDK error, or of anything else thrown. */
export const describeAwsError = (error: unknown): string => {
  if (error instanceof Error) {
    const message = error.message.trim();
    return message.length > 0 && message !== error.name ? `${error.name}: ${message}` : error.name;
  }
  return String(error);
};

const SINCE = /^(\d+)\s*([smhdw])$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800 };

/** Seconds in a `--since` duration (`90s`, `30m`, `1h`, `2d`, `1w`), or `undefined` if invalid. */
export const parseSince = (value: string): number | undefined => {
  const match = SINCE.exec(value.trim());
  if (match === null) return undefined;
  const seconds = Number(match[1]) * (UNIT_SECONDS[match[2] ?? ''] ?? Number.NaN);
  return Number.isSafeInteger(seconds) && seconds > 0 ? seconds : undefined;
};

/** The query window in epoch seconds, as StartQuery takes it: the last `sinceSeconds`. */
export const queryWindow = (
  sinceSeconds: number,
  nowMs: number,
): { startTime: number; endTime: number } => {
  const endTime = Math.ceil(nowMs / 1_000);
  return { startTime: Math.floor(nowMs / 1_000) - sinceSeconds, endTime };
};

const field = (row: readonly ResultField[], name: string): string | undefined =>
  row.find((entry) => entry.field === name)?.value;

/** A result row (`[{field, value}, …]`) as a record, its `@message` parsed when it is JSON. */
export const recordOfRow = (row: readonly ResultField[]): LogRecord => {
  const raw = field(row, '@message') ?? '';
  const line = parseLogLine(raw);
  const record: LogRecord = {
    timestamp: lineTime(line, field(row, '@timestamp')) ?? '',
    line,
    raw,
  };
  const logGroup = field(row, '@log');
  const logStream = field(row, '@logStream');
  const pointer = field(row, '@ptr');
  if (logGroup !== undefined) record.logGroup = logGroup;
  if (logStream !== undefined) record.logStream = logStream;
  if (pointer !== undefined) record.pointer = pointer;
  return record;
};

const TERMINAL: ReadonlySet<string> = new Set(['Complete', 'Failed', 'Cancelled', 'Timeout']);

/** What {@link runQuery} needs. */
export interface RunQueryOptions {
  sdk: Pick<AwsSdk, 'logs'>;
  client: CloudWatchLogsClient;
  logGroupNames: readonly string[];
  /** A query string from ./queries.ts. */
  queryString: string;
  /** Window start and end, epoch seconds. */
  startTime: number;
  endTime: number;
  /** Rows asked for (StartQuery `limit`). Default and maximum {@link MAX_RESULTS}. */
  limit?: number;
  /** Pause between two GetQueryResults calls. Default 1 s. */
  pollIntervalMs?: number;
  /** Give up (and stop the query) after this long. Default 15 min. */
  maxWaitMs?: number;
  /** Told after each poll that did not end the query. */
  onProgress?: (status: string, statistics: QueryStatistics | undefined) => void;
  /** Aborting stops the query (StopQuery, best effort) and rejects. */
  signal?: AbortSignal;
}

/** The rows of one query, in the order Insights gave them. */
export interface QueryResult {
  queryId: string;
  records: LogRecord[];
  /** The rows as Insights gave them (a `stats` query's rows have no `@message`). */
  rows: ResultField[][];
  /** The query hit its row limit: more lines matched than were returned. */
  truncated: boolean;
  statistics: QueryStatistics | undefined;
}

/**
 * Runs one query over `logGroupNames`, waits for its end and reads every page of its results.
 *
 * @throws RangeError when given more than {@link MAX_LOG_GROUPS_PER_QUERY} log groups.
 * @throws AwsCallError when StartQuery or GetQueryResults fails.
 * @throws QueryEndedError when the query ends as Failed, Cancelled or Timeout.
 */
export const runQuery = async (options: RunQueryOptions): Promise<QueryResult> => {
  const { client, signal } = options;
  const { StartQueryCommand, GetQueryResultsCommand, StopQueryCommand } = options.sdk.logs;
  const limit = Math.min(options.limit ?? MAX_RESULTS, MAX_RESULTS);
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const maxWaitMs = options.maxWaitMs ?? 15 * 60_000;
  if (options.logGroupNames.length === 0) throw new TypeError('No log group to query');
  // StartQuery would refuse it after a round trip; ./batches.ts cuts longer lists.
  if (options.logGroupNames.length > MAX_LOG_GROUPS_PER_QUERY) {
    throw new RangeError(
      `One query reads at most ${MAX_LOG_GROUPS_PER_QUERY} log groups; ${options.logGroupNames.length} given`,
    );
  }

  let queryId: string | undefined;
  try {
    const started = await client.send(
      new StartQueryCommand({
        logGroupNames: [...options.logGroupNames],
        startTime: options.startTime,
        endTime: options.endTime,
        queryString: options.queryString,
        limit,
      }),
      signal === undefined ? {} : { abortSignal: signal },
    );
    queryId = started.queryId;
  } catch (error) {
    throw new AwsCallError('StartQuery', error);
  }
  if (queryId === undefined) {
    throw new AwsCallError('StartQuery', new Error('the answer has no queryId'));
  }
  const id = queryId;

  const stop = async () => {
    try {
      await client.send(new StopQueryCommand({ queryId: id }));
    } catch {
      // Best effort: the query ends by itself anyway.
    }
  };
  const get = async (nextToken?: string): Promise<GetQueryResultsResponse> => {
    try {
      return await client.send(
        new GetQueryResultsCommand({
          queryId: id,
          maxItems: PAGE_SIZE,
          ...(nextToken === undefined ? {} : { nextToken }),
        }),
      );
    } catch (error) {
      throw new AwsCallError('GetQueryResults', error);
    }
  };

  const deadline = Date.now() + maxWaitMs;
  let response: GetQueryResultsResponse;
  for (;;) {
    response = await get();
    const status = response.status ?? 'Unknown';
    if (TERMINAL.has(status)) break;
    options.onProgress?.(status, response.statistics);
    if (Date.now() + pollIntervalMs > deadline) {
      await stop();
      throw new QueryEndedError(
        id,
        status,
        `Gave up waiting for Logs Insights query ${id}: still ${status} after ${Math.round(maxWaitMs / 1_000)} s (stopped it)`,
      );
    }
    try {
      await delay(pollIntervalMs, undefined, { signal });
    } catch (error) {
      await stop();
      // The timer rejects with an AbortError; the caller hears why it aborted.
      throw signal?.aborted ? signal.reason : error;
    }
  }
  if (response.status !== 'Complete') throw new QueryEndedError(id, response.status ?? '');

  const rows = [...(response.results ?? [])];
  const statistics = response.statistics;
  // The first page came with the final status; the others follow their token.
  for (let token = response.nextToken; token !== undefined && rows.length < limit; ) {
    signal?.throwIfAborted();
    const page = await get(token);
    rows.push(...(page.results ?? []));
    token = (page.results ?? []).length === 0 ? undefined : page.nextToken;
  }
  const matched = statistics?.recordsMatched;
  return {
    queryId: id,
    records: rows.map(recordOfRow),
    rows,
    truncated: rows.length >= limit || (matched !== undefined && matched > rows.length),
    statistics,
  };
};
