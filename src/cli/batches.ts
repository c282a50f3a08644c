/**
 * One Logs Insights query over any number of log groups. StartQuery reads at most 50 log
 * groups, and a stack with more functions than that has several `ErrorMonitoring` outputs
 * (docs/cdk.md), all of which `--stack` reads: the query runs once per batch of at most 50,
 * and the batches' rows are merged, here for lines, in ./groups.ts for `stats … by fingerprint`
 * rows (whose counts add up), in ./aws.ts for the baseline's fingerprints (a union).
 */
import type { QueryStatistics } from '@aws-sdk/client-cloudwatch-logs';
import {
  MAX_LOG_GROUPS_PER_QUERY,
  MAX_RESULTS,
  type QueryResult,
  type RunQueryOptions,
  runQuery,
} from './insights.js';
import { type LogRecord, readableTime } from './record.js';

/**
 * The names without repeats (the first of each kept), cut into batches of at most `size`, in
 * their order. A name given twice would be read twice and its lines counted twice.
 *
 * @param names - the log group names, as given or as the stack lists them.
 * @param size - most names a batch holds: one query's worth.
 * @returns the batches; none when `names` is empty.
 */
export const logGroupBatches = (
  names: readonly string[],
  size = MAX_LOG_GROUPS_PER_QUERY,
): string[][] => {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError('size: a whole number, 1 up');
  const unique = [...new Set(names)];
  const batches: string[][] = [];
  for (let at = 0; at < unique.length; at += size) batches.push(unique.slice(at, at + size));
  return batches;
};

/** What {@link runBatches} needs: {@link RunQueryOptions}, with batches of log groups. */
export interface RunBatchesOptions extends Omit<RunQueryOptions, 'logGroupNames' | 'onProgress'> {
  /** From {@link logGroupBatches}: each at most {@link MAX_LOG_GROUPS_PER_QUERY} names. */
  batches: readonly (readonly string[])[];
  /** Told after each poll that did not end a batch's query; `batch` counts from 0. */
  onProgress?: (status: string, statistics: QueryStatistics | undefined, batch: number) => void;
}

/**
 * Runs the query once per batch, each over the same window, and resolves to every batch's
 * result, in batch order.
 *
 * In sequence, not concurrently. Logs Insights runs a limited number of queries at once per
 * account and region, shared with the dashboards and teammates (StartQuery fails with
 * LimitExceededException above it): a CLI that fired every batch at once could fail, or starve
 * them. In sequence one query at a time runs, so Ctrl-C or the wait limit stops exactly that
 * one (runQuery's StopQuery), and a failed batch ends the run before the others are scanned
 * (and billed) for nothing. The price is time: batches take as long as they add up to.
 *
 * @param options - the query, its window and limits, and the batches.
 * @returns one result per batch.
 * @throws AwsCallError or QueryEndedError as {@link runQuery}, from the first batch that fails.
 */
export const runBatches = async (options: RunBatchesOptions): Promise<QueryResult[]> => {
  const { batches, onProgress, ...query } = options;
  if (batches.length === 0) throw new TypeError('No log group to query');
  const results: QueryResult[] = [];
  for (const [batch, logGroupNames] of batches.entries()) {
    // Ctrl-C between two batches: no query is running to stop; start no other.
    query.signal?.throwIfAborted();
    results.push(
      await runQuery({
        ...query,
        logGroupNames,
        ...(onProgress === undefined
          ? {}
          : { onProgress: (status, statistics) => onProgress(status, statistics, batch) }),
      }),
    );
  }
  return results;
};

/** Lines of one query, merged over its batches. */
export interface MergedLines {
  records: LogRecord[];
  /** A batch hit its row limit, or the batches together returned more than `limit` rows. */
  truncated: boolean;
}

/**
 * The lines of a `fields … | sort @timestamp <order>` query run per batch, as one query over
 * every log group would have returned them: sorted by `@timestamp` the same way (lines of the
 * same time in batch order), then cut at the same row limit, which keeps the first `limit`
 * of that order (the newest for `desc`). No line is dropped as a repeat: batches share no log
 * group ({@link logGroupBatches} drops repeated names), so a line comes from one batch only.
 *
 * @param results - each batch's result, from {@link runBatches}.
 * @param order - the query's `sort @timestamp` order.
 * @param limit - the row limit each batch's query had (StartQuery's `limit`).
 * @returns the lines, and whether the result is cut.
 */
export const mergeLines = (
  results: readonly QueryResult[],
  order: 'asc' | 'desc',
  limit = MAX_RESULTS,
): MergedLines => {
  const [only] = results;
  if (results.length === 1 && only !== undefined) {
    return { records: only.records, truncated: only.truncated };
  }
  const cap = Math.min(limit, MAX_RESULTS);
  const sign = order === 'asc' ? 1 : -1;
  const lines = results.flatMap((result) =>
    result.records.map((record, index) => {
      const stored = result.rows[index]?.find((entry) => entry.field === '@timestamp')?.value;
      return { record, time: readableTime(stored ?? record.timestamp) };
    }),
  );
  // Array.prototype.sort is stable: equal times keep batch order. Insights gives every row a
  // `@timestamp`; one without would sort last either way.
  const sorted = lines.sort((a, b) => {
    if (a.time === undefined || b.time === undefined) {
      return a.time === b.time ? 0 : a.time === undefined ? 1 : -1;
    }
    return sign * (a.time - b.time);
  });
  return {
    records: sorted.slice(0, cap).map(({ record }) => record),
    truncated: sorted.length > cap || results.some((result) => result.truncated),
  };
};
