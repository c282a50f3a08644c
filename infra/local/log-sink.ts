/**
 * The local demo's log file: every JSON line the process writes to stdout or stderr
 * (Powertools Logger writes one JSON object per line there, as in Lambda, where those streams
 * go to CloudWatch Logs) is also appended to one JSON-lines file, which `npm run logs` reads.
 *
 * Lines are appended synchronously, in the write call itself: a line is in the file before
 * the HTTP answer of its request leaves, so a `logs` query right after a `curl` finds it.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Lines longer than this are passed to the console but not kept in the file. */
const MAX_LINE_CHARS = 1_048_576;

const isJsonObjectLine = (line: string): boolean => {
  const text = line.trim();
  if (!text.startsWith('{') || !text.endsWith('}')) return false;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
  } catch {
    return false;
  }
};

export interface LogSink {
  readonly file: string;
  /** Stops copying and closes the file. */
  close(): void;
}

type Write = NodeJS.WriteStream['write'];

/** Starts copying the JSON lines of `process.stdout` and `process.stderr` to `file`. */
export const openLogSink = (file: string): LogSink => {
  mkdirSync(dirname(file), { recursive: true });
  let fd: number | undefined = openSync(file, 'a');

  const append = (line: string) => {
    if (fd === undefined) return;
    try {
      writeSync(fd, `${line.trim()}\n`);
    } catch (error) {
      fd = undefined;
      restore();
      process.stderr.write(`[demo] cannot write ${file} any more: ${(error as Error).message}\n`);
    }
  };

  const tee = (stream: NodeJS.WriteStream): (() => void) => {
    const original = stream.write;
    let pending = '';
    const write = function (this: NodeJS.WriteStream, ...args: Parameters<Write>) {
      const [chunk] = args;
      try {
        pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
        for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n')) {
          const line = pending.slice(0, end);
          pending = pending.slice(end + 1);
          if (isJsonObjectLine(line)) append(line);
        }
        if (pending.length > MAX_LINE_CHARS) pending = '';
      } catch {
        // Copying is a convenience: the console write below must happen regardless.
      }
      return Reflect.apply(original, this, args) as boolean;
    };
    stream.write = write as Write;
    return () => {
      stream.write = original;
    };
  };

  const restoreOut = tee(process.stdout);
  const restoreErr = tee(process.stderr);
  function restore() {
    restoreOut();
    restoreErr();
  }

  return {
    file,
    close() {
      restore();
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
};
