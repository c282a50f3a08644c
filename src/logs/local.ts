/**
 * The local path of `logs`: the lines of one request in the local demo's JSON-lines file.
 * A line belongs to the request when its `xray_trace_id` (Powertools) or `traceId` (the
 * middleware's report, the demo's access log) is exactly the trace id.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { byTime, type LogRecord, ownTimestamp, parseLogLine } from './record.js';

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

/** Whether a parsed line belongs to the request of `traceId`. */
export const belongsTo = (line: Record<string, unknown>, traceId: string): boolean =>
  line.xray_trace_id === traceId || line.traceId === traceId;

/**
 * The lines of `file` that belong to `traceId`, in time order. Lines that are not JSON are
 * skipped: the demo writes only JSON lines.
 *
 * @throws LogFileMissingError when `file` does not exist.
 */
export const readLocalTrace = async (file: string, traceId: string): Promise<LogRecord[]> => {
  try {
    if (!(await stat(file)).isFile()) throw new LogFileMissingError(file);
  } catch (error) {
    if (error instanceof LogFileMissingError) throw error;
    if ((error as { code?: unknown }).code === 'ENOENT') throw new LogFileMissingError(file);
    throw error;
  }
  const records: LogRecord[] = [];
  const lines = createInterface({
    input: createReadStream(file, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const raw of lines) {
    // Cheap pre-check: a line that does not mention the id cannot match exactly.
    if (!raw.includes(traceId)) continue;
    const line = parseLogLine(raw);
    if (line === undefined || !belongsTo(line, traceId)) continue;
    records.push({ timestamp: ownTimestamp(line) ?? '', line, raw });
  }
  return byTime(records);
};
