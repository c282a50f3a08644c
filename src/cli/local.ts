/**
 * The local path of `logs` and `errors`: the local demo's JSON-lines file. A line belongs to a
 * request when it carries the trace id, or the Lambda request id of a line that does
 * (./request-lines.ts): the demo writes console.* of a handler as Lambda's runtime does.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { byTime, type LogRecord, ownTimestamp, parseLogLine } from './record.js';
import { belongsToRequests, carriesTrace, requestIdsOfLine } from './request-lines.js';

/** Where the local demo writes its logs, relative to the working directory. */
export const DEFAULT_LOG_FILE = '.demo/logs.jsonl';

/** The log file to read: `--file`, else `DEMO_LOG_FILE` (the demo's own setting), else the default. */
export const localLogFile = (
  file: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): string => resolve(cwd, file ?? (env.DEMO_LOG_FILE || DEFAULT_LOG_FILE));

/** The log file does not exist (or is not a file). */
export class LogFileMissingError extends Error {
  override name = 'LogFileMissingError';
  constructor(readonly file: string) {
    super(
      `No log file at ${file}. Start the local demo (npm run demo) and send it a request, or pass --file, --stack or --log-group.`,
    );
  }
}

/** @throws LogFileMissingError when `file` does not exist or is not a file. */
export const assertFile = async (file: string): Promise<void> => {
  try {
    if (!(await stat(file)).isFile()) throw new LogFileMissingError(file);
  } catch (error) {
    if (error instanceof LogFileMissingError) throw error;
    if ((error as { code?: unknown }).code === 'ENOENT') throw new LogFileMissingError(file);
    throw error;
  }
};

/** A line without the `\r` of a CRLF ending. */
const withoutCr = (line: string): string => (line.endsWith('\r') ? line.slice(0, -1) : line);

/**
 * The lines of `file`, split at `\n` only. Not `node:readline`: since Node 24 it also ends a
 * line at U+2028 and U+2029, which JSON.stringify writes raw inside strings, so a log line
 * quoting one would be cut in two and lost. Each chunk is searched once, however long a line.
 */
async function* fileLines(file: string): AsyncGenerator<string> {
  let partial = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8' }) as AsyncIterable<string>) {
    let start = 0;
    for (let end = chunk.indexOf('\n'); end >= 0; end = chunk.indexOf('\n', start)) {
      yield withoutCr(partial + chunk.slice(start, end));
      partial = '';
      start = end + 1;
    }
    partial += chunk.slice(start);
  }
  if (partial !== '') yield withoutCr(partial);
}

/** Each JSON object line of `file` with its text. Lines that are not JSON are skipped. */
export async function* readJsonLines(
  file: string,
): AsyncGenerator<{ raw: string; line: Record<string, unknown> }> {
  for await (const raw of fileLines(file)) {
    const line = parseLogLine(raw);
    if (line !== undefined) yield { raw, line };
  }
}

/**
 * The lines of `file` that belong to `traceId`, in time order: two passes, the first finds the
 * request ids of the lines carrying the trace, the second keeps those lines and every line of
 * those request ids.
 *
 * @throws LogFileMissingError when `file` does not exist.
 */
export const readLocalTrace = async (file: string, traceId: string): Promise<LogRecord[]> => {
  await assertFile(file);
  const requestIds = new Set<string>();
  for await (const { raw, line } of readJsonLines(file)) {
    // Cheap pre-check: a line that does not mention the id cannot carry it.
    if (!raw.includes(traceId) || !carriesTrace(line, traceId)) continue;
    for (const id of requestIdsOfLine(line)) requestIds.add(id);
  }
  const records: LogRecord[] = [];
  for await (const { raw, line } of readJsonLines(file)) {
    if (carriesTrace(line, traceId) || belongsToRequests(line, requestIds)) {
      records.push({ timestamp: ownTimestamp(line) ?? '', line, raw });
    }
  }
  return byTime(records);
};
