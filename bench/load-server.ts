/**
 * The demo server (infra/local/server.ts) as a child process of `npm run load`: started on a free
 * port with a fresh log file and the memory probe (bench/load-probe.ts) preloaded, read for
 * memory over IPC and /proc, stopped with SIGTERM (SIGKILL as the last resort).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PROBE = fileURLToPath(new URL('./load-probe.ts', import.meta.url));

/** The only host the harness talks to. */
export const HOST = '127.0.0.1';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export type ServerMemory = NodeJS.MemoryUsage & { gc: boolean };

export interface Server {
  child: ChildProcess;
  pid: number;
  port: number;
  startMs: number;
  /** `process.memoryUsage()` of the server, after two full GCs when it has `gc`. */
  memory(): Promise<ServerMemory>;
  stop(): Promise<{ ms: number; exit: string }>;
}

/** VmRSS and VmHWM of a process in bytes, or `null` without /proc. */
export const procMemory = (pid: number): { rss: number; peak: number } | null => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    const rss = kib('VmRSS');
    const peak = kib('VmHWM');
    return Number.isFinite(rss) && Number.isFinite(peak)
      ? { rss: rss * 1024, peak: peak * 1024 }
      : null;
  } catch {
    return null;
  }
};

/** The environment of the server: free ports, the given log file, one JSON line at INFO and up. */
const serverEnv = (logFile: string): NodeJS.ProcessEnv => {
  // Free ports for the API and for the demo's page (which this harness never calls).
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    PAGE_PORT: '0',
    DEMO_LOG_FILE: logFile,
  };
  // Every line must be one JSON line at INFO and above, as the checks read them.
  for (const key of [
    'POWERTOOLS_DEV',
    'POWERTOOLS_LOG_LEVEL',
    'AWS_LAMBDA_LOG_LEVEL',
    'LOG_LEVEL',
  ]) {
    delete env[key];
  }
  return env;
};

/** Asks the probe for one memory reading over IPC. */
const readMemory = (child: ChildProcess) =>
  new Promise<ServerMemory>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error('no memory reading from the server in 10 s'));
    }, 10_000);
    const onMessage = (message: unknown) => {
      if ((message as { type?: unknown }).type !== 'memory') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message as ServerMemory);
    };
    child.on('message', onMessage);
    child.send({ type: 'memory' });
  });

/**
 * Starts the server, console output in `dir`, and waits for its banner (by `deadline`, a
 * `Date.now()` value, and within 60 s).
 */
export const startServer = async (
  dir: string,
  logFile: string,
  deadline: number,
  onStart?: (pid: number) => void,
): Promise<Server> => {
  const started = performance.now();
  const outFile = join(dir, 'server.out');
  const errFile = join(dir, 'server.err');
  // Console output goes to files, not pipes: a pipe the harness (busy driving the load) reads
  // late would block the server's synchronous stdout writes and slow it down.
  const out = openSync(outFile, 'w');
  const err = openSync(errFile, 'w');
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', '--import', PROBE, join('infra', 'local', 'server.ts')],
    { cwd: ROOT, env: serverEnv(logFile), stdio: ['ignore', out, err, 'ipc'] },
  );
  closeSync(out);
  closeSync(err);
  if (child.pid === undefined) throw new Error('could not spawn the demo server');
  const pid = child.pid;
  onStart?.(pid);
  let exited: string | undefined;
  const exit = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = signal ?? `exit ${code}`;
      resolve(exited);
    });
  });

  const stop = async () => {
    const begun = performance.now();
    if (exited === undefined) {
      child.kill('SIGTERM');
      // The demo gives running requests 4 s, then exits by itself at 5 s; SIGKILL after 8 s.
      const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
      await exit;
      clearTimeout(timer);
    }
    return { ms: Math.round(performance.now() - begun), exit: await exit };
  };

  const tail = () => `${readFileSync(errFile, 'utf8').slice(-2_000)}`;
  const limit = Math.min(deadline, Date.now() + 60_000);
  let port = 0;
  while (port === 0) {
    const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(readFileSync(outFile, 'utf8'));
    if (match?.[1] !== undefined && match[1] !== '0') port = Number(match[1]);
    else if (exited !== undefined) throw new Error(`demo server ended (${exited}):\n${tail()}`);
    else if (Date.now() > limit) {
      await stop();
      throw new Error(`demo server printed no banner in time:\n${tail()}`);
    } else await sleep(50);
  }

  const startMs = Math.round(performance.now() - started);
  return { child, pid, port, startMs, memory: () => readMemory(child), stop };
};
