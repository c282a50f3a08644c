/**
 * `errors --follow` and `logs --follow`: incident lines as they arrive, one printed (and
 * flushed) per line, until Ctrl-C. Locally the log file is tailed from its current end (a file
 * cut shorter, as by log rotation, is read again from its start); on AWS, CloudWatch Logs Live
 * Tail streams them (./live-tail.ts).
 */
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { answeredError } from './answered-errors.js';
import { type Parsed, PROGRAM } from './args.js';
import { cell, oneLine } from './escape.js';
import { formatJson, formatRecord } from './format.js';
import { formatErrorJson } from './format-errors.js';
import { type CliDeps, type CliIo, failure, type LinePrinter } from './io.js';
import { assertFile } from './local.js';
import { parseLogLine } from './record.js';
import { statusMatches } from './status-filter.js';

/** How each command prints a followed incident line. */
export const linePrinter =
  (options: Parsed, io: Pick<CliIo, 'stdout'>): LinePrinter =>
  (raw, fallbackTime = '') => {
    const line = parseLogLine(raw);
    const error = answeredError(line, fallbackTime);
    if (error === undefined || !statusMatches(options.status, error.status)) return;
    if (options.command === 'logs') {
      const record = { timestamp: error.time, line, raw };
      io.stdout(`${options.json ? formatJson(record) : `${formatRecord(record)}\n`}\n`);
      return;
    }
    if (options.json) {
      io.stdout(`${formatErrorJson(error)}\n`);
      return;
    }
    const cells = [
      error.time,
      String(error.status),
      error.code,
      error.fingerprint ?? '-',
      error.traceId ?? '-',
    ];
    const message =
      line !== undefined && typeof line.error === 'object' && line.error !== null
        ? (line.error as { message?: unknown }).message
        : undefined;
    if (typeof message === 'string') cells.push(message);
    io.stdout(`${cells.map(cell).join('  ')}\n`);
  };

/** Time between two looks at the local file. */
const POLL_MS = 250;

/**
 * Tails `file` from its current end until `signal` aborts, printing each complete new line.
 *
 * @throws LogFileMissingError when `file` does not exist at the start.
 */
export const tailFile = async (
  file: string,
  print: LinePrinter,
  signal: AbortSignal | undefined,
  onStart: () => void = () => {},
): Promise<void> => {
  await assertFile(file);
  const handle = await open(file, 'r');
  try {
    let position = (await handle.stat()).size;
    let partial = '';
    onStart();
    const buffer = Buffer.alloc(64 * 1024);
    while (signal?.aborted !== true) {
      const { size } = await handle.stat();
      if (size < position) {
        position = 0;
        partial = '';
      }
      if (size === position) {
        // The platform's timer removes its abort listener when it fires: one listener, however long.
        await delay(POLL_MS, undefined, { signal }).catch(() => undefined);
        continue;
      }
      const { bytesRead } = await handle.read(
        buffer,
        0,
        Math.min(buffer.length, size - position),
        position,
      );
      position += bytesRead;
      const lines = (partial + buffer.toString('utf8', 0, bytesRead)).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim().length > 0) print(line);
    }
  } finally {
    await handle.close();
  }
};

/** Runs `--follow`; resolves to the exit code once Ctrl-C (the signal) ends it. */
export const follow = async (options: Parsed, io: CliIo, deps: CliDeps): Promise<number> => {
  const print = linePrinter(options, io);

  const aws = options.stack !== undefined || options.logGroups.length > 0;
  try {
    if (aws) {
      const { liveTail } = await import('./live-tail.js');
      await liveTail(options, io, deps, print);
    } else {
      const file = resolve(io.cwd ?? process.cwd(), options.file ?? '');
      await tailFile(file, print, io.signal, () =>
        io.stderr(`${PROGRAM}: following ${oneLine(file)} (Ctrl-C to stop)\n`),
      );
    }
    return 0;
  } catch (error) {
    if (io.signal?.aborted) return 0;
    return failure(io, error, aws);
  }
};
