/**
 * One log line of a request, wherever it was read from: the local demo's file or CloudWatch
 * Logs Insights. Lines are kept as their parsed JSON when they are JSON, and as raw text
 * otherwise (Lambda's platform lines: `REPORT RequestId: … XRAY TraceId: …`).
 */

import { isRecord } from '../core/read.js';

/** A log line found for a trace id. */
export interface LogRecord {
  /** When the line was logged: the line's own `timestamp`, else the store's (`@timestamp`). */
  timestamp: string;
  /** The line parsed as a JSON object, or `undefined` when it is not one. */
  line: Record<string, unknown> | undefined;
  /** The line as stored. */
  raw: string;
  /** CloudWatch log group and stream, for lines read through Logs Insights. */
  logGroup?: string;
  logStream?: string;
  /** Logs Insights' `@ptr`: the same log event read twice has the same pointer. */
  pointer?: string;
}

/**
 * The JSON object a log line holds, or `undefined`. Accepts a bare JSON line and a line with
 * a text prefix before the object (Lambda's text log format: `<time>\t<request id>\tINFO\t{…}`).
 */
export const parseLogLine = (raw: string): Record<string, unknown> | undefined => {
  const text = raw.trim();
  const start = text.indexOf('{');
  if (start === -1 || !text.endsWith('}')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text.slice(start));
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The line's own time when it has a string one: `timestamp` (Powertools, the runtime's
 * console lines, the access log), or `time` (Lambda's platform lines).
 */
export const ownTimestamp = (line: Record<string, unknown> | undefined): string | undefined => {
  if (typeof line?.timestamp === 'string') return line.timestamp;
  return typeof line?.time === 'string' ? line.time : undefined;
};

/**
 * When the line was logged: its own time when that reads as a time, else `stored` (Insights'
 * `@timestamp`, Live Tail's event time) when there is one, else its own time as logged. An
 * own time that reads as none (`"not a date"`) would sort the line first or last wherever it
 * belongs, while the store's time of the event is a real one.
 */
export const lineTime = (
  line: Record<string, unknown> | undefined,
  stored: string | undefined,
): string | undefined => {
  const own = ownTimestamp(line);
  if (own !== undefined && readableTime(own) !== undefined) return own;
  return stored !== undefined && stored !== '' ? stored : own;
};

/**
 * Epoch milliseconds of a timestamp string (ISO, or Insights' `2024-05-01 12:00:00.000`), or
 * `undefined` when it is no time at all (missing, `"not a date"`).
 */
export const readableTime = (timestamp: string): number | undefined => {
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(timestamp)
    ? `${timestamp.replace(' ', 'T')}Z`
    : timestamp;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
};

/**
 * Epoch milliseconds of a timestamp string, +Infinity when it cannot be read: a line of unknown
 * time sorts last oldest first. Never compare it with a window's start (+Infinity is inside
 * every window): use {@link readableTime} there.
 */
export const timeOf = (timestamp: string): number =>
  readableTime(timestamp) ?? Number.POSITIVE_INFINITY;

/** Sorts records by time, oldest first; records logged at the same time keep their order. */
export const byTime = (records: readonly LogRecord[]): LogRecord[] =>
  records
    .map((record, index) => ({ record, index, time: timeOf(record.timestamp) }))
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map(({ record }) => record);
