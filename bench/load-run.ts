/**
 * The core of `npm run load` (bench/load.ts), importable by tests: starts the local demo
 * (load-server.ts) on a free port with a fresh log file, warms it up, sends a bounded mixed
 * load with autocannon (load-phases.ts), records every response checked against the contract
 * (load-contract.ts), then matches the log file (load-logs.ts), builds the figures
 * (load-figures.ts), judges them (load-checks.ts), and stops the server.
 *
 * All traffic goes to 127.0.0.1. Every phase is bounded in count and in time: the load stops at
 * the deadline even when not every request has been answered (which then fails a check).
 *
 * /slow is not in the autocannon mix (see MIX in load-options.ts): a small fixed number of
 * /slow requests (`slow`, one connection each) runs alongside the load instead, so the 504
 * path is checked under load at a bounded cost (~3 s in parallel).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checksOf } from './load-checks.js';
import type { Answer } from './load-contract.js';
import { buildFigures, type LoadFigures, type Measured } from './load-figures.js';
import { matchLogs, readLogFile, stderrOther } from './load-logs.js';
import { DEFAULT_OPTIONS, type LoadOptions, MIX, validateOptions } from './load-options.js';
import { runPhase } from './load-phases.js';
import { HOST, procMemory, type Server, sleep, startServer } from './load-server.js';

type Say = (line: string) => void;

/** Warm-up, memory before, the load with /slow alongside, memory after. */
const drive = async (server: Server, options: LoadOptions, deadline: number, say: Say) => {
  const { port, pid } = server;
  const { requests, connections, warmup, slow } = options;
  const answers: Answer[] = [];
  let warmupAnswered = 0;
  if (warmup > 0) {
    say(`warm-up: ${warmup} requests...`);
    const warm = await runPhase(
      {
        port,
        phase: 'warmup',
        paths: MIX,
        connections: Math.min(10, warmup),
        amount: warmup,
        deadline,
      },
      answers,
    );
    warmupAnswered = warm.result.requests.total;
  }
  await sleep(200);
  const rssBefore = procMemory(pid);
  const heapBefore = await server.memory();

  say(`load: ${requests} requests, ${connections} connections, ${slow} /slow alongside...`);
  const [load, slowPhase] = await Promise.all([
    runPhase({ port, phase: 'load', paths: MIX, connections, amount: requests, deadline }, answers),
    slow > 0
      ? runPhase(
          { port, phase: 'slow', paths: ['/slow'], connections: slow, amount: slow, deadline },
          answers,
        )
      : undefined,
  ]);
  return {
    answers,
    warmupAnswered,
    load,
    slow: slowPhase,
    rss: { before: rssBefore, after: procMemory(pid) },
    heap: { before: heapBefore, after: await server.memory() },
  };
};

export const runLoad = async (given: Partial<LoadOptions> = {}): Promise<LoadFigures> => {
  const options: LoadOptions = { ...DEFAULT_OPTIONS, ...given };
  validateOptions(options);
  const begun = performance.now();
  const say: Say = (line) =>
    options.progress?.(`[${((performance.now() - begun) / 1_000).toFixed(1)} s] ${line}`);
  const startedAt = new Date();
  const deadline = Date.now() + options.timeLimitSec * 1_000;
  const dir = mkdtempSync(join(tmpdir(), 'len-load-'));
  const logFile = join(dir, 'logs.jsonl');
  let server: Server | undefined;
  let kept = options.keepFiles;

  try {
    say(`starting the demo server (log file ${logFile})...`);
    server = await startServer(dir, logFile, deadline, options.onServerStart);
    say(`demo server pid ${server.pid} on http://${HOST}:${server.port} (${server.startMs} ms)`);
    const driven = await drive(server, options, deadline, say);

    say('checking the log file...');
    const file = await readLogFile(logFile);
    const stderrLines = stderrOther(join(dir, 'server.err'));
    const measured: Measured = {
      ...driven,
      options,
      startedAt,
      logFile: file,
      logMatch: matchLogs(driven.answers, file, stderrLines),
      stderrLines,
    };
    const figures = buildFigures(measured);
    const checks = checksOf(figures, driven.load.reqErrors);

    say('stopping the demo server...');
    const stopped = await server.stop();
    checks.push({
      name: 'demo server stopped cleanly on SIGTERM',
      pass: stopped.exit === 'exit 0',
      detail: `${stopped.exit} after ${stopped.ms} ms`,
    });
    const ok = checks.every((check) => check.pass);
    if (!ok) kept = true;
    const { pid, port, startMs } = server;
    return {
      ok,
      ...figures,
      server: { pid, port, startMs, stopMs: stopped.ms, exit: stopped.exit },
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
