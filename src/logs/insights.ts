/**
 * The AWS path of `logs`: one CloudWatch Logs Insights query over the request's log groups,
 * polled until it ends. The trace id is validated by the caller before it gets here, and is
 * checked again below: it is the only input that reaches the query string.
 */
import {
  type CloudWatchLogsClient,
  GetQueryResultsCommand,
  type GetQueryResultsResponse,
  type QueryStatistics,
  type ResultField,
  StartQueryCommand,
  StopQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { isTraceId } from '../trace-id.js';
import { byTime, type LogRecord, ownTimestamp, parseLogLine } from './record.js';

/** Most rows one Logs Insights query returns. */
export const MAX_RESULTS = 10_000;

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

/** The Logs Insights query selecting the lines that mention `traceId`. */
export const queryString = (traceId: string): string => {
  if (!isTraceId(traceId)) throw new TypeError(`Not an X-Ray trace id: ${JSON.stringify(traceId)}`);
  return [
    'fields @timestamp, @message, @logStream, @log',
    `filter @message like "${traceId}"`,
    'sort @timestamp asc',
    `limit ${MAX_RESULTS}`,
  ].join(' | ');
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
    timestamp: ownTimestamp(line) ?? field(row, '@timestamp') ?? '',
    line,
    raw,
  };
  const logGroup = field(row, '@log');
  const logStream = field(row, '@logStream');
  if (logGroup !== undefined) record.logGroup = logGroup;
  if (logStream !== undefined) record.logStream = logStream;
  return record;
};

const TERMINAL = new Set(['Complete', 'Failed', 'Cancelled', 'Timeout']);

/** What {@link queryTrace} needs. */
export interface QueryTraceOptions {
  client: CloudWatchLogsClient;
  logGroupNames: readonly string[];
  traceId: string;
  /** Window start and end, epoch seconds. */
  startTime: number;
  endTime: number;
  /** Pause between two GetQueryResults calls. Default 1 s. */
  pollIntervalMs?: number;
  /** Give up (and stop the query) after this long. Default 15 min. */
  maxWaitMs?: number;
  /** Told after each poll that did not end the query. */
  onProgress?: (status: string, statistics: QueryStatistics | undefined) => void;
  /** Aborting stops the query (StopQuery, best effort) and rejects. */
  signal?: AbortSignal;
}

/** The lines found, in time order. */
export interface QueryTraceResult {
  queryId: string;
  records: LogRecord[];
  /** The query hit the {@link MAX_RESULTS} row limit: older or later lines may be missing. */
  truncated: boolean;
  statistics: QueryStatistics | undefined;
}

const pause = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Runs the query for `traceId` over `logGroupNames` and waits for its end.
 *
 * @throws AwsCallError when StartQuery or GetQueryResults fails.
 * @throws QueryEndedError when the query ends as Failed, Cancelled or Timeout.
 */
export const queryTrace = async (options: QueryTraceOptions): Promise<QueryTraceResult> => {
  const { client, traceId, signal } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const maxWaitMs = options.maxWaitMs ?? 15 * 60_000;
  if (options.logGroupNames.length === 0) throw new TypeError('No log group to query');
  const query = queryString(traceId);

  let queryId: string | undefined;
  try {
    const started = await client.send(
      new StartQueryCommand({
        logGroupNames: [...options.logGroupNames],
        startTime: options.startTime,
        endTime: options.endTime,
        queryString: query,
        limit: MAX_RESULTS,
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

  const stop = async () => {
    try {
      await client.send(new StopQueryCommand({ queryId }));
    } catch {
      // Best effort: the query ends by itself anyway.
    }
  };

  const deadline = Date.now() + maxWaitMs;
  let response: GetQueryResultsResponse;
  for (;;) {
    try {
      response = await client.send(new GetQueryResultsCommand({ queryId }));
    } catch (error) {
      throw new AwsCallError('GetQueryResults', error);
    }
    const status = response.status ?? 'Unknown';
    if (TERMINAL.has(status)) break;
    options.onProgress?.(status, response.statistics);
    if (Date.now() + pollIntervalMs > deadline) {
      await stop();
      throw new QueryEndedError(
        queryId,
        status,
        `Gave up waiting for Logs Insights query ${queryId}: still ${status} after ${Math.round(maxWaitMs / 1_000)} s (stopped it)`,
      );
    }
    try {
      await pause(pollIntervalMs, signal);
    } catch (reason) {
      await stop();
      throw reason;
    }
  }
  if (response.status !== 'Complete') throw new QueryEndedError(queryId, response.status ?? '');

  const rows = response.results ?? [];
  return {
    queryId,
    // The query sorts by @timestamp already; lines logged in the same millisecond keep the
    // order Insights gave them.
    records: byTime(rows.map(recordOfRow)),
    truncated: rows.length >= MAX_RESULTS,
    statistics: response.statistics,
  };
};
