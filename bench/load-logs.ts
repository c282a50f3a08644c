/**
 * The log check of `npm run load`: reads the demo's log file (JSON lines) by trace id and
 * matches it against the recorded answers: one ERROR line per 5xx, one WARN per 4xx, none for
 * 2xx, one access line each, and reports that agree with their answer.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Answer } from './load-contract.js';

/** Problem lines kept as examples. */
export const EXAMPLES = 10;

export interface TraceLines {
  error: number;
  warn: number;
  access: number;
  accessStatus: unknown;
  integrationRequestId: unknown;
  report?: { status: unknown; code: unknown; requestId: unknown; traceId: unknown };
}

export interface LogFile {
  byTrace: Map<string, TraceLines>;
  totals: {
    lines: number;
    unparsable: number;
    errorLines: number;
    warnLines: number;
    accessLines: number;
  };
  /** ERROR and WARN lines without a trace id (their first 200 characters). */
  untraced: string[];
}

const noLines = (): TraceLines => ({
  error: 0,
  warn: 0,
  access: 0,
  accessStatus: undefined,
  integrationRequestId: undefined,
});

/** Tallies one parsed line into the file's figures. */
const tally = (file: LogFile, line: Record<string, unknown>, text: string): void => {
  const { level } = line;
  const isAccess = line.type === 'access';
  const trace = (line.xray_trace_id ?? line.traceId) as unknown;
  if (level === 'ERROR') file.totals.errorLines += 1;
  if (level === 'WARN') file.totals.warnLines += 1;
  if (isAccess) file.totals.accessLines += 1;
  if (typeof trace !== 'string') {
    if (level === 'ERROR' || level === 'WARN') file.untraced.push(text.slice(0, 200));
    return;
  }
  const entry = file.byTrace.get(trace) ?? noLines();
  file.byTrace.set(trace, entry);
  if (level === 'ERROR') entry.error += 1;
  if (level === 'WARN') entry.warn += 1;
  if (level === 'ERROR' || level === 'WARN') {
    entry.report = {
      status: line.status,
      code: line.code,
      requestId: line.requestId,
      traceId: line.traceId,
    };
  }
  if (isAccess) {
    entry.access += 1;
    entry.accessStatus = line.status;
    entry.integrationRequestId = line.integrationRequestId;
  }
};

/** Reads the whole log file; a missing file reads as empty. */
export const readLogFile = async (path: string): Promise<LogFile> => {
  const file: LogFile = {
    byTrace: new Map(),
    totals: { lines: 0, unparsable: 0, errorLines: 0, warnLines: 0, accessLines: 0 },
    untraced: [],
  };
  if (!existsSync(path)) return file;
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const text of lines) {
    if (text.length === 0) continue;
    file.totals.lines += 1;
    try {
      tally(file, JSON.parse(text) as Record<string, unknown>, text);
    } catch {
      file.totals.unparsable += 1;
    }
  }
  return file;
};

/** What is wrong with the log lines of one answer. */
export const checkLogLines = (answer: Answer, lines: TraceLines | undefined): string[] => {
  const problems: string[] = [];
  const own = lines ?? noLines();
  const wanted =
    answer.status >= 500
      ? { error: 1, warn: 0 }
      : answer.status >= 400
        ? { error: 0, warn: 1 }
        : { error: 0, warn: 0 };
  if (own.error !== wanted.error)
    problems.push(`${own.error} ERROR lines, expected ${wanted.error}`);
  if (own.warn !== wanted.warn) problems.push(`${own.warn} WARN lines, expected ${wanted.warn}`);
  if (own.access !== 1) problems.push(`${own.access} access lines`);
  else if (own.accessStatus !== answer.status) problems.push(`access status ${own.accessStatus}`);
  if (answer.status >= 400) {
    const report = own.report;
    if (report !== undefined) {
      if (report.status !== answer.status) problems.push(`report status ${report.status}`);
      if (report.code !== answer.code) problems.push(`report code ${report.code}`);
      if (report.requestId !== answer.requestId) problems.push('report requestId differs');
      if (report.traceId !== answer.traceId) problems.push('report traceId differs');
    }
    if (own.integrationRequestId !== answer.requestId)
      problems.push('access integrationRequestId differs');
  }
  return problems;
};

/** Lines the server wrote to stderr that are not JSON log lines (the middleware's own trouble…). */
export const stderrOther = (path: string): string[] => {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0 && !line.trim().startsWith('{'));
};

export interface LogMatch {
  /** Answers whose log lines are wrong. */
  mismatched: number;
  /** Traces with an ERROR or WARN line but no answer. */
  orphanReports: number;
  examples: string[];
}

/**
 * Matches every answer with its lines. The server writes every line of a request before
 * answering it, so the file read after the load holds them all.
 */
export const matchLogs = (
  answers: readonly Answer[],
  file: LogFile,
  stderr: string[],
): LogMatch => {
  const examples: string[] = [];
  const note = (line: string) => {
    if (examples.length < EXAMPLES) examples.push(line);
  };
  let mismatched = 0;
  const answered = new Set<string>();
  for (const answer of answers) {
    if (answer.traceId !== undefined) answered.add(answer.traceId);
    const own = answer.traceId === undefined ? undefined : file.byTrace.get(answer.traceId);
    const problems = checkLogLines(answer, own);
    if (problems.length === 0) continue;
    mismatched += 1;
    note(`${answer.path} ${answer.status} ${answer.traceId}: ${problems.join('; ')}`);
  }
  let orphanReports = 0;
  for (const [trace, lines] of file.byTrace) {
    if (answered.has(trace) || lines.error + lines.warn === 0) continue;
    orphanReports += 1;
    note(`report for unanswered trace ${trace}`);
  }
  for (const line of file.untraced) note(`untraced: ${line}`);
  for (const line of stderr) note(`stderr: ${line.slice(0, 200)}`);
  return { mismatched, orphanReports, examples };
};
