/**
 * `errors --group`: the answered errors one row per fingerprint, as an error tracker's issue
 * list shows them: how many, first and last seen, the latest status, code, message and trace
 * id, most frequent first. A group with no line in the baseline before the window is new.
 */
import type { ResultField } from '@aws-sdk/client-cloudwatch-logs';
import { isRecord } from '../core/read.js';
import { answeredError } from './answered-errors.js';
import { str } from './fields.js';
import { assertFile, readJsonLines } from './local.js';
import { timeOf } from './record.js';
import { type StatusFilter, statusMatches } from './status-filter.js';

/** One group: the field names of `errors --group --json`. */
export interface ErrorGroup {
  fingerprint: string;
  count: number;
  /** The first line of the group inside the window (not before it). */
  firstSeen: string;
  lastSeen: string;
  /** The latest line's status and code. */
  status: number;
  code: string;
  /** The latest line's error message, as logged (redacted). */
  message: string;
  /** The latest line's trace id: the argument of `logs <traceId>`. */
  traceId: string | null;
  /** No line of this fingerprint in the baseline before the window. */
  new: boolean;
}

/** Most frequent first; ties: the latest first, then by fingerprint (a stable order). */
export const byCount = (groups: readonly ErrorGroup[]): ErrorGroup[] =>
  [...groups].sort(
    (a, b) =>
      b.count - a.count ||
      timeOf(b.lastSeen) - timeOf(a.lastSeen) ||
      a.fingerprint.localeCompare(b.fingerprint),
  );

/** The window and baseline of a grouping, epoch milliseconds. */
export interface GroupWindow {
  sinceMs: number;
  baselineMs: number;
  status?: StatusFilter | undefined;
}

/**
 * The groups of the local log file's answered errors logged at or after `sinceMs`.
 *
 * @throws LogFileMissingError when `file` does not exist.
 */
export const readLocalGroups = async (file: string, window: GroupWindow): Promise<ErrorGroup[]> => {
  await assertFile(file);
  const groups = new Map<string, ErrorGroup>();
  const before = new Set<string>();
  for await (const { line } of readJsonLines(file)) {
    const entry = answeredError(line);
    const fingerprint = str(line.fingerprint);
    if (entry === undefined || fingerprint === undefined) continue;
    if (!statusMatches(window.status, entry.status)) continue;
    const time = timeOf(entry.time);
    if (time < window.sinceMs) {
      if (time >= window.baselineMs) before.add(fingerprint);
      continue;
    }
    const message = str(isRecord(line.error) ? line.error.message : undefined) ?? '';
    const group = groups.get(fingerprint);
    if (group === undefined) {
      groups.set(fingerprint, {
        fingerprint,
        count: 1,
        firstSeen: entry.time,
        lastSeen: entry.time,
        status: entry.status,
        code: entry.code,
        message,
        traceId: entry.traceId ?? null,
        new: true,
      });
      continue;
    }
    group.count += 1;
    if (time < timeOf(group.firstSeen)) group.firstSeen = entry.time;
    if (time >= timeOf(group.lastSeen)) {
      Object.assign(group, {
        lastSeen: entry.time,
        status: entry.status,
        code: entry.code,
        message,
        traceId: entry.traceId ?? null,
      });
    }
  }
  for (const fingerprint of before) {
    const group = groups.get(fingerprint);
    if (group !== undefined) group.new = false;
  }
  return byCount([...groups.values()]);
};

const value = (row: readonly ResultField[], name: string): string | undefined =>
  row.find((entry) => entry.field === name)?.value;

/**
 * The groups of an `errorGroupsQuery` result. `seenBefore` holds the fingerprints the baseline
 * query found before the window; rows without a fingerprint or a count are skipped.
 */
export const groupsOfRows = (
  rows: readonly (readonly ResultField[])[],
  seenBefore: ReadonlySet<string>,
): ErrorGroup[] =>
  byCount(
    rows.flatMap((row) => {
      const fingerprint = value(row, 'fingerprint');
      const count = Number(value(row, 'count'));
      if (fingerprint === undefined || !Number.isSafeInteger(count)) return [];
      const status = Number(value(row, 'status'));
      return [
        {
          fingerprint,
          count,
          firstSeen: value(row, 'firstSeen') ?? '',
          lastSeen: value(row, 'lastSeen') ?? '',
          status: Number.isInteger(status) ? status : 0,
          code: value(row, 'code') ?? '',
          message: value(row, 'message') ?? '',
          traceId: value(row, 'traceId') ?? null,
          new: !seenBefore.has(fingerprint),
        },
      ];
    }),
  );
