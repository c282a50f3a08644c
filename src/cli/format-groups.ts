/**
 * Output of `errors --group`: an aligned table of the groups for people, most frequent first,
 * new groups marked; or one JSON array of groups (./groups.ts names its fields) for programs.
 */

import { cell, jsonLine } from './escape.js';
import type { ErrorGroup } from './groups.js';
import { alignRows } from './table.js';

const COLUMNS = [
  '',
  'COUNT',
  'FINGERPRINT',
  'FIRST SEEN',
  'LAST SEEN',
  'STATUS',
  'CODE',
  'LATEST TRACE ID',
  'MESSAGE',
] as const;

/** Messages are cut in the table (the JSON keeps them whole). */
const MESSAGE_CHARS = 80;

const cells = (group: ErrorGroup): string[] =>
  [
    group.new ? 'NEW' : '',
    String(group.count),
    group.fingerprint,
    group.firstSeen,
    group.lastSeen,
    String(group.status),
    group.code,
    group.traceId ?? '-',
    group.message.length > MESSAGE_CHARS
      ? `${group.message.slice(0, MESSAGE_CHARS - 1)}…`
      : group.message,
  ].map(cell);

/** The groups as a table, with what the figures cover and how to see one request. */
export const formatGroups = (
  groups: readonly ErrorGroup[],
  window: string,
  baseline: string,
  logsCommand: string,
): string => {
  const rows = [COLUMNS.slice(), ...groups.map(cells)];
  const table = alignRows(rows);
  const total = groups.reduce((sum, group) => sum + group.count, 0);
  const fresh = groups.filter((group) => group.new).length;
  const example = groups.find((group) => group.traceId !== null)?.traceId ?? '<traceId>';
  return [
    `${groups.length} error group${groups.length === 1 ? '' : 's'} (${total} answered error${total === 1 ? '' : 's'}) in the last ${cell(window)}, most frequent first; ${fresh} new (not seen in the ${cell(baseline)} before).`,
    'First and last seen cover only that window.',
    '',
    ...table,
    '',
    `The latest request of a group: ${logsCommand} ${cell(example)}`,
    '',
  ].join('\n');
};

/** The groups as one JSON array, on one line. */
export const formatGroupsJson = (groups: readonly ErrorGroup[]): string => `${jsonLine(groups)}\n`;
