/**
 * The core of `npm run load` (bench/load.ts), importable by tests: starts the local demo
 * (infra/local/server.ts) as a child process on a free port with a fresh log file, warms it up,
 * sends a bounded mixed load with autocannon, records every response, then checks the
 * contract, the log file, trace id uniqueness and the server's memory, and stops the server.
 *
 * All traffic goes to 127.0.0.1. Every phase is bounded in count and in time: the load stops at
 * the deadline even when not every request has been answered (which then fails a check).
 *
 * /slow is not in the autocannon mix: each takes 3 s, so one /slow per mix cycle would park a
 * connection for 3 s and turn req/s and p99 into a measure of the sleep. A small fixed number
 * of /slow requests (`slow`, one connection each) runs alongside the load instead, so the 504
 * path is checked under load at a bounded cost (~3 s in parallel).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { routes } from '../infra/handlers/routes.js';
import { isTraceId, rootFromTraceHeader } from '../src/trace-id.js';

// ---------------------------------------------------------------------------------------------
// autocannon 9 (CommonJS, no bundled types): the part of its API used here.

type AcHeaders = Record<string, string | string[]>;
interface AcRequest {
  method: string;
  path: string;
  onResponse?: (status: number, body: string, context: unknown, headers: AcHeaders) => void;
}
interface AcHistogram {
  average: number;
  p50: number;
  p99: number;
  max: number;
}
interface AcResult {
  duration: number;
  errors: number;
  timeouts: number;
  latency: AcHistogram;
  requests: AcHistogram & { sent: number; total: number };
  statusCodeStats: Record<string, { count: number }>;
}
interface AcInstance {
  on(
    event: 'response',
    listener: (client: unknown, status: number, bytes: number, ms: number) => void,
  ): void;
  on(event: 'reqError', listener: (error: Error) => void): void;
  stop(): void;
}
type Autocannon = (
  options: {
    url: string;
    connections: number;
    amount: number;
    timeout: number;
    requests: AcRequest[];
  },
  done: (error: Error | null, result: AcResult) => void,
) => AcInstance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

// ---------------------------------------------------------------------------------------------
// Options and figures.

export interface LoadOptions {
  /** Requests in the measured load. */
  requests: number;
  /** Concurrent connections of the measured load. */
  connections: number;
  /** Warm-up requests (10 connections), sent before the "before" memory reading. */
  warmup: number;
  /** /slow requests sent alongside the load, one connection each (0: none). */
  slow: number;
  /** Bound on the whole run (server start, warm-up, load), in seconds. */
  timeLimitSec: number;
  /** Largest accepted growth of the server's heap (after full GCs) over the load, in MiB. */
  heapGrowthLimitMiB: number;
  /** Largest accepted growth of the server's RSS over the load, in MiB. */
  rssGrowthLimitMiB: number;
  /** Keep the temp dir (log file, server console) instead of deleting it. */
  keepFiles: boolean;
  /** Progress lines; silent when undefined. */
  progress?: (line: string) => void;
  /** Called with the server's pid as soon as it is spawned (tests stop it if all else fails). */
  onServerStart?: (pid: number) => void;
}

export const DEFAULT_OPTIONS: Omit<LoadOptions, 'progress' | 'onServerStart'> = {
  requests: 20_000,
  connections: 50,
  warmup: 500,
  slow: 10,
  timeLimitSec: 120,
  heapGrowthLimitMiB: 8,
  rssGrowthLimitMiB: 64,
  keepFiles: false,
};

/**
 * The mix each connection cycles through: 30 % /ok, 70 % errors, every error route of
 * routes.ts but /slow (see above).
 */
export const MIX: readonly string[] = [
  '/ok',
  '/boom',
  '/missing',
  '/ok',
  '/upstream',
  '/throttled',
  '/ok',
  '/malformed',
  '/boom',
  '/missing',
];

/** The `error` code each error route answers with. */
export const EXPECTED_CODE: Readonly<Record<string, string>> = {
  '/boom': 'internal_server_error',
  '/missing': 'not_found',
  '/upstream': 'bad_gateway',
  '/throttled': 'service_unavailable',
  '/slow': 'gateway_timeout',
  '/malformed': 'internal_server_error',
};

export interface RouteFigures {
  expectedStatus: number;
  answered: number;
  statuses: Record<string, number>;
  offContract: number;
  latencyMs: { p50: number; p99: number; max: number; mean: number };
}

export interface Check {
  name: string;
  pass: boolean;
  detail: string;
}

export interface LoadFigures {
  ok: boolean;
  startedAt: string;
  machine: { node: string; cpus: number };
  options: Omit<LoadOptions, 'progress' | 'onServerStart' | 'keepFiles'>;
  mix: readonly string[];
  server: { pid: number; port: number; startMs: number; stopMs: number; exit: string };
  load: {
    /** First request to last answer, measured here (autocannon's own ends on a 1 s tick). */
    durationSec: number;
    autocannonDurationSec: number;
    sent: number;
    answered: number;
    recorded: number;
    reqPerSec: number;
    connectionErrors: number;
    timeouts: number;
    stoppedByTimeLimit: boolean;
    latencyMs: { p50: number; p99: number; max: number; mean: number };
    autocannonLatencyMs: { p50: number; p99: number; max: number; mean: number };
  };
  warmup: { answered: number };
  slow: { sent: number; answered: number };
  routes: Record<string, RouteFigures>;
  contract: { checked: number; offContract: number; examples: string[] };
  logs: {
    lines: number;
    unparsable: number;
    errorLines: number;
    warnLines: number;
    accessLines: number;
    responses5xx: number;
    responses4xx: number;
    responses2xx: number;
    mismatched: number;
    orphanReports: number;
    untracedReports: number;
    stderrOther: number;
    examples: string[];
  };
  traceIds: { responses: number; distinct: number; shared: number; requestIdsShared: number };
  memory: {
    rssBeforeMiB: number | null;
    rssAfterMiB: number | null;
    rssGrowthMiB: number | null;
    rssPeakMiB: number | null;
    heapBeforeMiB: number | null;
    heapAfterMiB: number | null;
    heapGrowthMiB: number | null;
    heapAfterGc: boolean;
  };
  checks: Check[];
  files: { dir: string; kept: boolean };
}

// ---------------------------------------------------------------------------------------------
// Helpers.

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PROBE = fileURLToPath(new URL('./load-probe.ts', import.meta.url));
const HOST = '127.0.0.1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SNAKE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const CONTRACT_KEYS = 'error,message,requestId,traceId';
const MIB = 1024 * 1024;
const EXAMPLES = 10;

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const mib = (bytes: number) => round(bytes / MIB, 1);

/** Nearest-rank percentile of an ascending array. */
const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);

const summarize = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? 0),
    mean: round(sorted.length === 0 ? 0 : sum / sorted.length),
  };
};

const header = (headers: AcHeaders, name: string): string | undefined => {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value.join(', ') : value;
  }
  return undefined;
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** VmRSS and VmHWM of a process in bytes, or `null` without /proc. */
const procMemory = (pid: number): { rss: number; peak: number } | null => {
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

// ---------------------------------------------------------------------------------------------
// One recorded response.

type Phase = 'warmup' | 'load' | 'slow';

export interface Answer {
  phase: Phase;
  path: string;
  status: number;
  latencyMs: number;
  /** The gateway's trace (X-Amzn-Trace-Id Root), present on every answer. */
  traceId: string | undefined;
  /** The contract's request id (errors only). */
  requestId: string | undefined;
  /** Error code of the body (errors only). */
  code: string | undefined;
  problems: string[];
}

/** What is wrong with one answer, checked against the contract (errors) or the /ok body. */
export const checkAnswer = (path: string, status: number, text: string, headers: AcHeaders) => {
  const problems: string[] = [];
  const expected = routes.find((route) => route.path === path)?.status;
  if (status !== expected) problems.push(`status ${status}, expected ${expected}`);
  const traceId = rootFromTraceHeader(header(headers, 'x-amzn-trace-id'));
  if (!isTraceId(traceId)) problems.push(`X-Amzn-Trace-Id root ${JSON.stringify(traceId)}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    problems.push(`body is not JSON: ${JSON.stringify(text.slice(0, 80))}`);
  }
  if (expected !== undefined && expected < 400) {
    if (text !== '{"ok":true}') problems.push(`body ${JSON.stringify(text.slice(0, 80))}`);
    return { problems, traceId, requestId: undefined, code: undefined };
  }
  const record = (body !== null && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const keys = Object.keys(record).sort().join(',');
  if (keys !== CONTRACT_KEYS) problems.push(`body keys ${keys}`);
  const { error, message, traceId: bodyTrace, requestId } = record;
  if (typeof error !== 'string' || !SNAKE.test(error))
    problems.push(`error ${JSON.stringify(error)}`);
  else if (EXPECTED_CODE[path] !== undefined && error !== EXPECTED_CODE[path]) {
    problems.push(`error ${error}, expected ${EXPECTED_CODE[path]}`);
  }
  if (typeof message !== 'string' || message.length === 0) problems.push('message missing');
  if (!isTraceId(bodyTrace)) problems.push(`traceId ${JSON.stringify(bodyTrace)}`);
  else if (bodyTrace !== traceId)
    problems.push(`traceId ${bodyTrace} is not its own trace ${traceId}`);
  if (typeof requestId !== 'string' || !UUID.test(requestId)) {
    problems.push(`requestId ${JSON.stringify(requestId)}`);
  }
  if (header(headers, 'x-trace-id') !== bodyTrace) problems.push('X-Trace-Id != body.traceId');
  if (header(headers, 'x-request-id') !== requestId)
    problems.push('X-Request-Id != body.requestId');
  if (header(headers, 'content-type') !== 'application/json') {
    problems.push(`Content-Type ${header(headers, 'content-type')}`);
  }
  if (header(headers, 'cache-control') !== 'no-store') {
    problems.push(`Cache-Control ${header(headers, 'cache-control')}`);
  }
  if (path === '/throttled' && header(headers, 'retry-after') !== '1') problems.push('Retry-After');
  if (text.includes('s3cr3t')) problems.push('body leaks the secret');
  return {
    problems,
    traceId,
    requestId: typeof requestId === 'string' ? requestId : undefined,
    code: typeof error === 'string' ? error : undefined,
  };
};

// ---------------------------------------------------------------------------------------------
// The demo server as a child process.

interface Server {
  child: ChildProcess;
  pid: number;
  port: number;
  startMs: number;
  memory(): Promise<NodeJS.MemoryUsage & { gc: boolean }>;
  stop(): Promise<{ ms: number; exit: string }>;
}

const startServer = async (
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
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', '--import', PROBE, join('infra', 'local', 'server.ts')],
    { cwd: ROOT, env, stdio: ['ignore', out, err, 'ipc'] },
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

  const memory = () =>
    new Promise<NodeJS.MemoryUsage & { gc: boolean }>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error('no memory reading from the server in 10 s'));
      }, 10_000);
      const onMessage = (message: unknown) => {
        if ((message as { type?: unknown }).type !== 'memory') return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message as NodeJS.MemoryUsage & { gc: boolean });
      };
      child.on('message', onMessage);
      child.send({ type: 'memory' });
    });

  return { child, pid, port, startMs: Math.round(performance.now() - started), memory, stop };
};

// ---------------------------------------------------------------------------------------------
// Load phases.

interface PhaseResult {
  result: AcResult;
  reqErrors: string[];
  stoppedByTimeLimit: boolean;
  /** First request to last answer, in seconds. */
  seconds: number;
}

const runPhase = (
  port: number,
  phase: Phase,
  paths: readonly string[],
  connections: number,
  amount: number,
  deadline: number,
  answers: Answer[],
): Promise<PhaseResult> =>
  new Promise((resolve, reject) => {
    // autocannon calls a request's onResponse, then emits `response` with the latency, in one
    // synchronous call: the answer recorded last is the one the latency belongs to.
    let last: Answer | undefined;
    const requests: AcRequest[] = paths.map((path) => ({
      method: 'GET',
      path,
      onResponse: (status, body, _context, headers) => {
        const { problems, traceId, requestId, code } = checkAnswer(path, status, body, headers);
        last = { phase, path, status, latencyMs: Number.NaN, traceId, requestId, code, problems };
        answers.push(last);
        lastAt = performance.now();
      },
    }));
    const reqErrors: string[] = [];
    let stoppedByTimeLimit = false;
    const startedAt = performance.now();
    let lastAt = startedAt;
    let timer: NodeJS.Timeout | undefined;
    const instance = autocannon(
      { url: `http://${HOST}:${port}`, connections, amount, timeout: 15, requests },
      (error, result) => {
        clearTimeout(timer);
        if (error !== null) reject(error);
        else
          resolve({ result, reqErrors, stoppedByTimeLimit, seconds: (lastAt - startedAt) / 1_000 });
      },
    );
    instance.on('response', (_client, _status, _bytes, ms) => {
      if (last !== undefined) last.latencyMs = ms;
      last = undefined;
    });
    instance.on('reqError', (error) => {
      if (reqErrors.length < EXAMPLES) reqErrors.push(error.message);
    });
    timer = setTimeout(
      () => {
        stoppedByTimeLimit = true;
        instance.stop();
      },
      Math.max(0, deadline - Date.now()),
    );
  });

// ---------------------------------------------------------------------------------------------
// The log file.

export interface TraceLines {
  error: number;
  warn: number;
  access: number;
  accessStatus: unknown;
  integrationRequestId: unknown;
  report?: { status: unknown; code: unknown; requestId: unknown; traceId: unknown };
}

const readLogFile = async (file: string) => {
  const byTrace = new Map<string, TraceLines>();
  const totals = { lines: 0, unparsable: 0, errorLines: 0, warnLines: 0, accessLines: 0 };
  const untraced: string[] = [];
  if (!existsSync(file)) return { byTrace, totals, untraced };
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const text of lines) {
    if (text.length === 0) continue;
    totals.lines += 1;
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      totals.unparsable += 1;
      continue;
    }
    const level = line.level;
    const isAccess = line.type === 'access';
    const trace = (line.xray_trace_id ?? line.traceId) as unknown;
    if (level === 'ERROR') totals.errorLines += 1;
    if (level === 'WARN') totals.warnLines += 1;
    if (isAccess) totals.accessLines += 1;
    if (typeof trace !== 'string') {
      if (level === 'ERROR' || level === 'WARN') untraced.push(text.slice(0, 200));
      continue;
    }
    let entry = byTrace.get(trace);
    if (entry === undefined) {
      entry = {
        error: 0,
        warn: 0,
        access: 0,
        accessStatus: undefined,
        integrationRequestId: undefined,
      };
      byTrace.set(trace, entry);
    }
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
  }
  return { byTrace, totals, untraced };
};

/** What is wrong with the log lines of one answer. */
export const checkLogLines = (answer: Answer, lines: TraceLines | undefined): string[] => {
  const problems: string[] = [];
  const own = lines ?? {
    error: 0,
    warn: 0,
    access: 0,
    accessStatus: undefined,
    integrationRequestId: undefined,
  };
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
const stderrOther = (file: string): string[] => {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0 && !line.trim().startsWith('{'));
};

// ---------------------------------------------------------------------------------------------
// The run.

export const runLoad = async (given: Partial<LoadOptions> = {}): Promise<LoadFigures> => {
  const options: LoadOptions = { ...DEFAULT_OPTIONS, ...given };
  const { requests, connections, warmup, slow, timeLimitSec } = options;
  const integer = (name: string, value: number, min: number) => {
    if (!Number.isInteger(value) || value < min)
      throw new Error(`${name} must be an integer >= ${min}`);
  };
  integer('requests', requests, 1);
  integer('connections', connections, 1);
  integer('warmup', warmup, 0);
  integer('slow', slow, 0);
  if (connections > requests) throw new Error('connections cannot be greater than requests');
  if (!(timeLimitSec > 0)) throw new Error('timeLimitSec must be > 0');
  for (const path of MIX) {
    if (!routes.some((route) => route.path === path))
      throw new Error(`${path} is not a demo route`);
  }

  const begun = performance.now();
  const say = (line: string) =>
    options.progress?.(`[${((performance.now() - begun) / 1_000).toFixed(1)} s] ${line}`);
  const startedAt = new Date();
  const deadline = Date.now() + timeLimitSec * 1_000;
  const dir = mkdtempSync(join(tmpdir(), 'len-load-'));
  const logFile = join(dir, 'logs.jsonl');
  const answers: Answer[] = [];
  let server: Server | undefined;
  let kept = options.keepFiles;

  try {
    say(`starting the demo server (log file ${logFile})...`);
    server = await startServer(dir, logFile, deadline, options.onServerStart);
    const { port, pid } = server;
    say(`demo server pid ${pid} on http://${HOST}:${port} (${server.startMs} ms)`);

    let warmupAnswered = 0;
    if (warmup > 0) {
      say(`warm-up: ${warmup} requests...`);
      const warm = await runPhase(
        port,
        'warmup',
        MIX,
        Math.min(10, warmup),
        warmup,
        deadline,
        answers,
      );
      warmupAnswered = warm.result.requests.total;
    }
    await sleep(200);
    const rssBefore = procMemory(pid);
    const heapBefore = await server.memory();

    say(`load: ${requests} requests, ${connections} connections, ${slow} /slow alongside...`);
    const [load, slowPhase] = await Promise.all([
      runPhase(port, 'load', MIX, connections, requests, deadline, answers),
      slow > 0 ? runPhase(port, 'slow', ['/slow'], slow, slow, deadline, answers) : undefined,
    ]);
    const rssAfter = procMemory(pid);
    const heapAfter = await server.memory();
    say('checking the log file...');

    // Contract.
    const measured = answers.filter((answer) => answer.phase !== 'warmup');
    const offContract = answers.filter((answer) => answer.problems.length > 0);
    const contractExamples = offContract
      .slice(0, EXAMPLES)
      .map(
        (answer) =>
          `${answer.path} ${answer.status} ${answer.traceId}: ${answer.problems.join('; ')}`,
      );

    // Per route (load and /slow phases).
    const routeFigures: Record<string, RouteFigures> = {};
    for (const route of routes) {
      const own = measured.filter((answer) => answer.path === route.path);
      if (own.length === 0 && !MIX.includes(route.path)) continue;
      const statuses: Record<string, number> = {};
      for (const answer of own) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      routeFigures[route.path] = {
        expectedStatus: route.status,
        answered: own.length,
        statuses,
        offContract: own.filter((answer) => answer.problems.length > 0).length,
        latencyMs: summarize(own.map((answer) => answer.latencyMs)),
      };
    }

    // Trace and request ids.
    const traces = answers
      .map((answer) => answer.traceId)
      .filter((id): id is string => id !== undefined);
    const distinct = new Set(traces).size;
    const requestIds = answers
      .map((answer) => answer.requestId)
      .filter((id): id is string => id !== undefined);
    const requestIdsShared = requestIds.length - new Set(requestIds).size;

    // Log file: the server has written every line of a request before answering it.
    const { byTrace, totals, untraced } = await readLogFile(logFile);
    const logExamples: string[] = [];
    let mismatched = 0;
    const answeredTraces = new Set(traces);
    for (const answer of answers) {
      const problems = checkLogLines(
        answer,
        answer.traceId === undefined ? undefined : byTrace.get(answer.traceId),
      );
      if (problems.length === 0) continue;
      mismatched += 1;
      if (logExamples.length < EXAMPLES) {
        logExamples.push(
          `${answer.path} ${answer.status} ${answer.traceId}: ${problems.join('; ')}`,
        );
      }
    }
    let orphanReports = 0;
    for (const [trace, lines] of byTrace) {
      if (answeredTraces.has(trace) || lines.error + lines.warn === 0) continue;
      orphanReports += 1;
      if (logExamples.length < EXAMPLES) logExamples.push(`report for unanswered trace ${trace}`);
    }
    for (const line of untraced.slice(0, Math.max(0, EXAMPLES - logExamples.length))) {
      logExamples.push(`untraced: ${line}`);
    }
    const stderrLines = stderrOther(join(dir, 'server.err'));
    for (const line of stderrLines.slice(0, Math.max(0, EXAMPLES - logExamples.length))) {
      logExamples.push(`stderr: ${line.slice(0, 200)}`);
    }
    const count = (from: number, to: number) =>
      answers.filter((answer) => answer.status >= from && answer.status < to).length;

    // Figures.
    const loadAnswers = answers.filter((answer) => answer.phase === 'load');
    const durationSec = round(load.seconds, 3);
    const memory = {
      rssBeforeMiB: rssBefore === null ? null : mib(rssBefore.rss),
      rssAfterMiB: rssAfter === null ? null : mib(rssAfter.rss),
      rssGrowthMiB:
        rssBefore === null || rssAfter === null ? null : mib(rssAfter.rss - rssBefore.rss),
      rssPeakMiB: rssAfter === null ? null : mib(rssAfter.peak),
      heapBeforeMiB: mib(heapBefore.heapUsed),
      heapAfterMiB: mib(heapAfter.heapUsed),
      heapGrowthMiB: mib(heapAfter.heapUsed - heapBefore.heapUsed),
      heapAfterGc: heapBefore.gc && heapAfter.gc,
    };
    const slowAnswered = slowPhase?.result.requests.total ?? 0;
    const figures: Omit<LoadFigures, 'ok' | 'checks' | 'server' | 'files'> = {
      startedAt: startedAt.toISOString(),
      machine: { node: process.version, cpus: cpus().length },
      options: {
        requests,
        connections,
        warmup,
        slow,
        timeLimitSec,
        heapGrowthLimitMiB: options.heapGrowthLimitMiB,
        rssGrowthLimitMiB: options.rssGrowthLimitMiB,
      },
      mix: MIX,
      load: {
        durationSec,
        autocannonDurationSec: load.result.duration,
        sent: load.result.requests.sent,
        answered: load.result.requests.total,
        recorded: loadAnswers.length,
        reqPerSec: round(durationSec > 0 ? load.result.requests.total / durationSec : 0, 0),
        connectionErrors: load.result.errors + (slowPhase?.result.errors ?? 0),
        timeouts: load.result.timeouts + (slowPhase?.result.timeouts ?? 0),
        stoppedByTimeLimit: load.stoppedByTimeLimit || slowPhase?.stoppedByTimeLimit === true,
        latencyMs: summarize(loadAnswers.map((answer) => answer.latencyMs)),
        autocannonLatencyMs: {
          p50: load.result.latency.p50,
          p99: load.result.latency.p99,
          max: load.result.latency.max,
          mean: load.result.latency.average,
        },
      },
      warmup: { answered: warmupAnswered },
      slow: { sent: slowPhase?.result.requests.sent ?? 0, answered: slowAnswered },
      routes: routeFigures,
      contract: {
        checked: answers.length,
        offContract: offContract.length,
        examples: contractExamples,
      },
      logs: {
        ...totals,
        responses5xx: count(500, 600),
        responses4xx: count(400, 500),
        responses2xx: count(200, 300),
        mismatched,
        orphanReports,
        untracedReports: untraced.length,
        stderrOther: stderrLines.length,
        examples: logExamples,
      },
      traceIds: {
        responses: traces.length,
        distinct,
        shared: traces.length - distinct,
        requestIdsShared,
      },
      memory,
    };

    const checks: Check[] = [
      {
        name: 'every request sent and answered in time',
        pass:
          !figures.load.stoppedByTimeLimit &&
          figures.load.sent === requests &&
          figures.load.answered === requests &&
          figures.load.recorded === requests &&
          slowAnswered === slow,
        detail: `load ${figures.load.answered}/${requests} answered (${figures.load.sent} sent), /slow ${slowAnswered}/${slow}${figures.load.stoppedByTimeLimit ? ', stopped by the time limit' : ''}`,
      },
      {
        name: 'no connection errors or timeouts',
        pass: figures.load.connectionErrors === 0 && figures.load.timeouts === 0,
        detail: `${figures.load.connectionErrors} errors, ${figures.load.timeouts} timeouts${load.reqErrors.length > 0 ? ` (${load.reqErrors.join('; ')})` : ''}`,
      },
      {
        name: 'zero responses off the contract',
        pass: offContract.length === 0 && answers.length > 0,
        detail: `${offContract.length} of ${answers.length} responses off the contract`,
      },
      {
        name: 'one ERROR line per 5xx, one WARN per 4xx, none for 2xx; one access line each',
        pass:
          mismatched === 0 &&
          orphanReports === 0 &&
          untraced.length === 0 &&
          totals.unparsable === 0,
        detail: `${mismatched} responses with wrong log lines, ${orphanReports} reports of unanswered traces, ${untraced.length} untraced ERROR/WARN lines, ${totals.unparsable} unparsable lines (${totals.errorLines} ERROR lines for ${figures.logs.responses5xx} 5xx, ${totals.warnLines} WARN lines for ${figures.logs.responses4xx} 4xx)`,
      },
      {
        name: 'server wrote nothing but JSON lines to stderr',
        pass: stderrLines.length === 0,
        detail: `${stderrLines.length} other stderr lines`,
      },
      {
        name: 'no trace id or request id shared by two requests',
        pass:
          figures.traceIds.shared === 0 &&
          requestIdsShared === 0 &&
          traces.length === answers.length,
        detail: `${distinct} distinct trace ids for ${answers.length} responses, ${requestIdsShared} request ids shared`,
      },
      {
        name: `heap (after full GC) growth <= ${options.heapGrowthLimitMiB} MiB`,
        pass: memory.heapAfterGc && memory.heapGrowthMiB <= options.heapGrowthLimitMiB,
        detail: `${memory.heapBeforeMiB} -> ${memory.heapAfterMiB} MiB (${memory.heapGrowthMiB >= 0 ? '+' : ''}${memory.heapGrowthMiB})${memory.heapAfterGc ? '' : ', no GC available'}`,
      },
      {
        name: `RSS growth <= ${options.rssGrowthLimitMiB} MiB`,
        pass: memory.rssGrowthMiB !== null && memory.rssGrowthMiB <= options.rssGrowthLimitMiB,
        detail:
          memory.rssGrowthMiB === null
            ? 'no /proc: RSS unknown'
            : `${memory.rssBeforeMiB} -> ${memory.rssAfterMiB} MiB (${memory.rssGrowthMiB >= 0 ? '+' : ''}${memory.rssGrowthMiB}), peak ${memory.rssPeakMiB} MiB`,
      },
    ];

    say('stopping the demo server...');
    const stopped = await server.stop();
    const stopPass = stopped.exit === 'exit 0';
    checks.push({
      name: 'demo server stopped cleanly on SIGTERM',
      pass: stopPass,
      detail: `${stopped.exit} after ${stopped.ms} ms`,
    });
    const ok = checks.every((check) => check.pass);
    if (!ok) kept = true;
    return {
      ok,
      ...figures,
      server: { pid, port, startMs: server.startMs, stopMs: stopped.ms, exit: stopped.exit },
      checks,
      files: { dir, kept },
    };
  } catch (error) {
    kept = true;
    throw error;
  } finally {
    await server?.stop();
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
};

// ---------------------------------------------------------------------------------------------
// Printing.

/** Rows as aligned columns; numeric-looking cells are right-aligned. */
const table = (rows: string[][]): string => {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => {
          const width = widths[column] ?? 0;
          return /^[\d.]+$/.test(cell) ? cell.padStart(width) : cell.padEnd(width);
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
};

/** The figures as the text `npm run load` prints. */
export const formatFigures = (figures: LoadFigures): string => {
  const { load } = figures;
  const routeRows = Object.entries(figures.routes).map(([path, route]) => [
    path,
    String(route.expectedStatus),
    String(route.answered),
    Object.entries(route.statuses)
      .map(([status, count]) => `${status}x${count}`)
      .join(' '),
    String(route.offContract),
    route.latencyMs.p50.toFixed(1),
    route.latencyMs.p99.toFixed(1),
    route.latencyMs.max.toFixed(1),
  ]);
  const lines = [
    `load: ${load.answered}/${load.sent} answered/sent in ${load.durationSec} s = ${load.reqPerSec} req/s over ${figures.options.connections} connections; latency p50 ${load.latencyMs.p50} ms, p99 ${load.latencyMs.p99} ms, max ${load.latencyMs.max} ms (autocannon: p50 ${load.autocannonLatencyMs.p50}, p99 ${load.autocannonLatencyMs.p99})`,
    `warm-up: ${figures.warmup.answered} answered; /slow alongside: ${figures.slow.answered}/${figures.slow.sent}`,
    '',
    table([
      ['route', 'expect', 'answered', 'statuses', 'off', 'p50 ms', 'p99 ms', 'max ms'],
      ...routeRows,
    ]),
    '',
    `log file: ${figures.logs.lines} lines, ${figures.logs.errorLines} ERROR for ${figures.logs.responses5xx} 5xx, ${figures.logs.warnLines} WARN for ${figures.logs.responses4xx} 4xx, ${figures.logs.accessLines} access lines for ${figures.contract.checked} responses`,
    `trace ids: ${figures.traceIds.distinct} distinct of ${figures.traceIds.responses}`,
    `memory: RSS ${figures.memory.rssBeforeMiB} -> ${figures.memory.rssAfterMiB} MiB (growth ${figures.memory.rssGrowthMiB}, peak ${figures.memory.rssPeakMiB}); heap after GC ${figures.memory.heapBeforeMiB} -> ${figures.memory.heapAfterMiB} MiB (growth ${figures.memory.heapGrowthMiB})`,
    `server: pid ${figures.server.pid}, port ${figures.server.port}, started in ${figures.server.startMs} ms, stopped in ${figures.server.stopMs} ms (${figures.server.exit})`,
    '',
    table([
      ['check', 'result', 'detail'],
      ...figures.checks.map((check) => [check.name, check.pass ? 'PASS' : 'FAIL', check.detail]),
    ]),
  ];
  for (const example of [...figures.contract.examples, ...figures.logs.examples])
    lines.push(`  ! ${example}`);
  if (figures.files.kept) lines.push('', `files kept in ${figures.files.dir}`);
  return `${lines.join('\n')}\n`;
};
