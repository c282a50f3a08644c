/**
 * The pieces of the batching (./batches.test.ts runs them through the CLI): cutting the log
 * groups into batches, merging the lines of several batches as one query would return them
 * (its sort, its row limit), and merging `stats … by fingerprint` groups (counts summed).
 */
import type { ResultField } from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import { logGroupBatches, mergeLines } from '../../src/cli/batches.js';
import { type ErrorGroup, mergeGroups } from '../../src/cli/groups.js';
import { MAX_LOG_GROUPS_PER_QUERY, type QueryResult, recordOfRow } from '../../src/cli/insights.js';

describe('logGroupBatches', () => {
  it('cuts at 50 (Logs Insights), keeps the order, drops repeats first', () => {
    expect(MAX_LOG_GROUPS_PER_QUERY).toBe(50);
    const names = Array.from({ length: 82 }, (_, i) => `g${i}`);
    expect(logGroupBatches(names).map((batch) => batch.length)).toEqual([50, 32]);
    expect(logGroupBatches(names).flat()).toEqual(names);
    expect(logGroupBatches([...names.slice(0, 50), 'g3', 'g0'])).toEqual([names.slice(0, 50)]);
    expect(logGroupBatches(['a', 'b', 'a', 'c'], 2)).toEqual([['a', 'b'], ['c']]);
    expect(logGroupBatches([])).toEqual([]);
    expect(() => logGroupBatches(['a'], 0)).toThrow(RangeError);
  });
});

const result = (times: string[], truncated = false): QueryResult => {
  const rows: ResultField[][] = times.map((time) => [
    { field: '@timestamp', value: time },
    { field: '@message', value: JSON.stringify({ message: time }) },
  ]);
  return { queryId: 'q', rows, records: rows.map(recordOfRow), truncated, statistics: undefined };
};
const messages = (records: { line?: Record<string, unknown> | undefined }[]) =>
  records.map((record) => record.line?.message);

describe('mergeLines', () => {
  const first = result(['2024-05-24 10:00:00.000', '2024-05-24 10:20:00.000']);
  const second = result(['2024-05-24 10:10:00.000', '2024-05-24 10:30:00.000']);

  it('sorts as the query does (asc or desc), same times in batch order', () => {
    expect(messages(mergeLines([first, second], 'asc').records)).toEqual([
      '2024-05-24 10:00:00.000',
      '2024-05-24 10:10:00.000',
      '2024-05-24 10:20:00.000',
      '2024-05-24 10:30:00.000',
    ]);
    const desc = mergeLines([result(['2024-05-24 10:30:00.000']), second], 'desc');
    expect(messages(desc.records)).toEqual([
      '2024-05-24 10:30:00.000',
      '2024-05-24 10:30:00.000',
      '2024-05-24 10:10:00.000',
    ]);
    expect(desc.truncated).toBe(false);
  });

  it('keeps the row limit of one query: the first rows of the order, said cut', () => {
    const newest = mergeLines([first, second], 'desc', 3);
    expect(messages(newest.records)).toEqual([
      '2024-05-24 10:30:00.000',
      '2024-05-24 10:20:00.000',
      '2024-05-24 10:10:00.000',
    ]);
    expect(newest.truncated).toBe(true);
    const oldest = mergeLines([first, second], 'asc', 2);
    expect(messages(oldest.records)).toEqual([
      '2024-05-24 10:00:00.000',
      '2024-05-24 10:10:00.000',
    ]);
    expect(mergeLines([first, second], 'asc', 4).truncated).toBe(false);
    // A batch cut by Insights cuts the whole.
    expect(mergeLines([first, result([], true)], 'asc').truncated).toBe(true);
  });

  it('one batch: its result as it is', () => {
    const only = result(['2024-05-24 10:20:00.000', '2024-05-24 10:00:00.000'], true);
    expect(mergeLines([only], 'asc')).toEqual({ records: only.records, truncated: true });
  });
});

const group = (fields: Partial<ErrorGroup> & { fingerprint: string }): ErrorGroup => ({
  count: 1,
  firstSeen: '2024-05-24 10:00:00.000',
  lastSeen: '2024-05-24 10:00:00.000',
  status: 500,
  code: 'internal_server_error',
  message: 'boom',
  traceId: null,
  new: true,
  ...fields,
});

describe('mergeGroups', () => {
  it('sums counts, keeps the earliest first seen and the latest line of the latest batch', () => {
    const merged = mergeGroups([
      [
        group({
          fingerprint: 'a',
          count: 5,
          firstSeen: '2024-05-24 10:05:00.000',
          lastSeen: '2024-05-24 10:50:00.000',
          code: 'latest',
          traceId: 't-latest',
        }),
        group({ fingerprint: 'b', count: 4 }),
      ],
      [
        group({
          fingerprint: 'a',
          count: 3,
          firstSeen: '2024-05-24 10:01:00.000',
          lastSeen: '2024-05-24 10:40:00.000',
          code: 'older',
          traceId: 't-older',
        }),
      ],
      [group({ fingerprint: 'c', count: 7, new: false })],
    ]);
    expect(merged).toEqual([
      group({
        fingerprint: 'a',
        count: 8,
        firstSeen: '2024-05-24 10:01:00.000',
        lastSeen: '2024-05-24 10:50:00.000',
        code: 'latest',
        traceId: 't-latest',
      }),
      group({ fingerprint: 'c', count: 7, new: false }),
      group({ fingerprint: 'b', count: 4 }),
    ]);
  });

  it('a time that reads as none is neither the first nor the last seen', () => {
    const [merged] = mergeGroups([
      [group({ fingerprint: 'a', firstSeen: '', lastSeen: '', code: 'undated' })],
      [group({ fingerprint: 'a', code: 'dated' })],
    ]);
    expect(merged).toMatchObject({
      count: 2,
      firstSeen: '2024-05-24 10:00:00.000',
      lastSeen: '2024-05-24 10:00:00.000',
      code: 'dated',
    });
  });
});
