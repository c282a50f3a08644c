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
import { readableTime, timeOf } from './record.js';
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

/** The groups of a local log file, and the answered errors left out for want of a time. */
export interface LocalGroups {
  groups: ErrorGroup[];
  /** Answered errors with a fingerprint (of the `--status` asked for) and no readable time. */
  undated: number;
}

/**
 * The groups of the local log file's answered errors logged at or after `sinceMs`, and how
 * many had no readable time: those are left out, of the window and of the baseline alike, as
 * by `errors` (./answered-errors.ts `readLocalErrors` says why).
 *
 * @throws LogFileMissingError when `file` does not exist.
 */
export const readLocalGroupsCounted = async (
  file: string,
  window: GroupWindow,
): Promise<LocalGroups> => {
  await assertFile(file);
  const groups = new Map<string, ErrorGroup>();
  const before = new Set<string>();
  let undated = 0;
  for await (const { line } of readJsonLines(file)) {
    const entry = answeredError(line);
    const fingerprint = str(line.fingerprint);
    if (entry === undefined || fingerprint === undefined) continue;
    if (!statusMatches(window.status, entry.status)) continue;
    const time = readableTime(entry.time);
    if (time === undefined) {
      undated += 1;
      continue;
    }
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
  return { groups: byCount([...groups.values()]), undated };
};

/**
 * The groups of the local log file's answered errors logged at or after `sinceMs` (lines with
 * no readable time left out).
 *
 * @throws LogFileMissingError when `file` does not exist.
 */
export const readLocalGroups = async (file: string, window: GroupWindow): Promise<ErrorGroup[]> =>
  (await readLocalGroupsCounted(file, window)).groups;

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

/** Whether `a` is a later time than `b`; a time that reads as none is never the later. */
const isLater = (a: string, b: string): boolean =>
  (readableTime(a) ?? Number.NEGATIVE_INFINITY) > (readableTime(b) ?? Number.NEGATIVE_INFINITY);

/** Whether `a` is an earlier time than `b`; a time that reads as none is never the earlier. */
const isEarlier = (a: string, b: string): boolean =>
  (readableTime(a) ?? Number.POSITIVE_INFINITY) < (readableTime(b) ?? Number.POSITIVE_INFINITY);

/**
 * The groups found in several batches of log groups (one query each, ./batches.ts) as one
 * list, as one query over all of them would have returned them: a fingerprint's counts added
 * up, its first seen the earliest, its last seen the latest, and the latest line's status,
 * code, message and trace id from the batch that saw it last. Most frequent first.
 *
 * @param batches - each batch's groups, every one computed against the same baseline.
 * @returns the merged groups, {@link byCount}.
 */
export const mergeGroups = (batches: readonly (readonly ErrorGroup[])[]): ErrorGroup[] => {
  const merged = new Map<string, ErrorGroup>();
  for (const group of batches.flat()) {
    const known = merged.get(group.fingerprint);
    if (known === undefined) {
      merged.set(group.fingerprint, { ...group });
      continue;
    }
    const latest = isLater(group.lastSeen, known.lastSeen) ? group : known;
    merged.set(group.fingerprint, {
      ...latest,
      count: known.count + group.count,
      firstSeen: isEarlier(group.firstSeen, known.firstSeen) ? group.firstSeen : known.firstSeen,
      new: known.new && group.new,
    });
  }
  return byCount([...merged.values()]);
};
