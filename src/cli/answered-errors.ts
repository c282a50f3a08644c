/**
 * `errors`: the middleware's report lines (one per answered error) read back as a list. A
 * report is an ERROR (5xx) or WARN (4xx) line with a numeric `status` and a string `code`,
 * which covers every answer the middleware logs, whatever its message says.
 */
import { str } from './fields.js';
import { assertFile, readJsonLines } from './local.js';
import { type LogRecord, lineTime, readableTime } from './record.js';
import { type StatusFilter, statusMatches } from './status-filter.js';

/** One answered error. */
export interface AnsweredError {
  /** When it was logged (ISO, or Insights' `@timestamp`). */
  time: string;
  status: number;
  code: string;
  level: string;
  message: string;
  /** Lambda function name (`function_name`, with Powertools' injectLambdaContext). */
  function?: string;
  traceId?: string;
  requestId?: string;
  /** `uncaught_error`, `malformed_result`... */
  kind?: string;
  /** The failure's grouping key (`errors --group`). */
  fingerprint?: string;
}

/**
 * The answered error a parsed log line reports, or `undefined`. Its time is the line's own when
 * that reads as a time, else `fallbackTime` (Insights' `@timestamp`, Live Tail's event time).
 */
export const answeredError = (
  line: Record<string, unknown> | undefined,
  fallbackTime = '',
): AnsweredError | undefined => {
  if (line === undefined) return undefined;
  const { status, code, level } = line;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) {
    return undefined;
  }
  if (typeof code !== 'string' || (level !== 'ERROR' && level !== 'WARN')) return undefined;
  const entry: AnsweredError = {
    time: lineTime(line, fallbackTime) ?? '',
    status,
    code,
    level,
    message: str(line.message) ?? '',
  };
  const fn = str(line.function_name);
  const traceId = str(line.traceId) ?? str(line.xray_trace_id);
  const requestId = str(line.requestId) ?? str(line.function_request_id);
  const kind = str(line.kind);
  if (fn !== undefined) entry.function = fn;
  if (traceId !== undefined) entry.traceId = traceId;
  if (requestId !== undefined) entry.requestId = requestId;
  if (kind !== undefined) entry.kind = kind;
  const fingerprint = str(line.fingerprint);
  if (fingerprint !== undefined) entry.fingerprint = fingerprint;
  return entry;
};

/**
 * Newest first; errors logged at the same time keep their order reversed (latest line first).
 * An error whose time cannot be read comes last: nothing says it is recent.
 */
export const newestFirst = (errors: readonly AnsweredError[]): AnsweredError[] =>
  errors
    .map((error, index) => ({
      error,
      index,
      time: readableTime(error.time) ?? Number.NEGATIVE_INFINITY,
    }))
    .sort((a, b) => (b.time === a.time ? b.index - a.index : b.time - a.time))
    .map(({ error }) => error);

/** The answered errors among query results. */
export const errorsOfRecords = (records: readonly LogRecord[]): AnsweredError[] =>
  newestFirst(records.flatMap((record) => answeredError(record.line, record.timestamp) ?? []));

/** What a local listing found, and what it had to leave out. */
export interface LocalErrors {
  /** Newest first. */
  errors: AnsweredError[];
  /** Answered errors (of the `--status` asked for) whose line has no readable time. */
  undated: number;
}

/**
 * The answered errors of the local demo's log file logged at or after `sinceMs` (and of
 * `status`, when given), newest first.
 *
 * A line with no time, or one that reads as none (`"not a date"`), is left out and counted:
 * nothing shows it was logged inside the window, and every listing has one (`--since`, 1h by
 * default), which its heading names. On AWS no line is in that case: Insights' `@timestamp`
 * stands in for a missing own time ({@link answeredError}).
 *
 * @throws LogFileMissingError when `file` does not exist.
 */
export const readLocalErrors = async (
  file: string,
  window: { sinceMs: number; status?: StatusFilter | undefined },
): Promise<LocalErrors> => {
  await assertFile(file);
  const errors: AnsweredError[] = [];
  let undated = 0;
  for await (const { line } of readJsonLines(file)) {
    const entry = answeredError(line);
    if (entry === undefined || !statusMatches(window.status, entry.status)) continue;
    const time = readableTime(entry.time);
    if (time === undefined) undated += 1;
    else if (time >= window.sinceMs) errors.push(entry);
  }
  return { errors: newestFirst(errors), undated };
};

/** The sentence that says how many answered errors were left out for want of a time. */
export const undatedCut = (undated: number): string =>
  `${undated} answered error${undated === 1 ? '' : 's'} ha${undated === 1 ? 's' : 've'} no readable timestamp, so ${undated === 1 ? 'it' : 'they'} cannot be placed in the --since window and ${undated === 1 ? 'was' : 'were'} left out`;

/** How many errors of each code, most frequent first. */
export const countByCode = (errors: readonly AnsweredError[]): [string, number][] => {
  const counts = new Map<string, number>();
  for (const { code } of errors) counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
};
