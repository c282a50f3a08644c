/**
 * The figures of one `npm run load` run, as printed and written: counts, latencies per route,
 * the contract and log matches, trace id uniqueness and the server's memory, assembled from the
 * recorded answers, the phases' results, the log match and the memory readings.
 */
import { cpus } from 'node:os';
import { routes } from '../infra/handlers/routes.js';
import type { Answer } from './load-contract.js';
import { EXAMPLES, type LogFile, type LogMatch } from './load-logs.js';
import { type LoadOptions, MIX } from './load-options.js';
import type { PhaseResult } from './load-phases.js';
import type { ServerMemory } from './load-server.js';

export interface Latency {
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

export interface RouteFigures {
  expectedStatus: number;
  answered: number;
  statuses: Record<string, number>;
  offContract: number;
  latencyMs: Latency;
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
    latencyMs: Latency;
    autocannonLatencyMs: Latency;
  };
  warmup: { answered: number };
  slow: { sent: number; answered: number };
  routes: Record<string, RouteFigures>;
  contract: { checked: number; offContract: number; examples: string[] };
  logs: LogFile['totals'] & {
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
    heapBeforeMiB: number;
    heapAfterMiB: number;
    heapGrowthMiB: number;
    heapAfterGc: boolean;
  };
  checks: Check[];
  files: { dir: string; kept: boolean };
}

/** The figures known before the server is stopped. */
export type RunFigures = Omit<LoadFigures, 'ok' | 'checks' | 'server' | 'files'>;

/** What one run measured, as the figures are built from it. */
export interface Measured {
  options: LoadOptions;
  startedAt: Date;
  answers: readonly Answer[];
  warmupAnswered: number;
  load: PhaseResult;
  slow: PhaseResult | undefined;
  rss: { before: ProcMemory | null; after: ProcMemory | null };
  heap: { before: ServerMemory; after: ServerMemory };
  logFile: LogFile;
  logMatch: LogMatch;
  stderrLines: readonly string[];
}

type ProcMemory = { rss: number; peak: number };

const MIB = 1024 * 1024;
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const mib = (bytes: number) => round(bytes / MIB, 1);

/** Nearest-rank percentile of an ascending array. */
const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);

const summarize = (values: number[]): Latency => {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? 0),
    mean: round(sorted.length === 0 ? 0 : sum / sorted.length),
  };
};

/** Per route of the mix (and /slow when sent): answers of the load and /slow phases. */
const routeFigures = (answers: readonly Answer[]): Record<string, RouteFigures> => {
  const measured = answers.filter((answer) => answer.phase !== 'warmup');
  const figures: Record<string, RouteFigures> = {};
  for (const route of routes) {
    const own = measured.filter((answer) => answer.path === route.path);
    if (own.length === 0 && !MIX.includes(route.path)) continue;
    const statuses: Record<string, number> = {};
    for (const answer of own) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    figures[route.path] = {
      expectedStatus: route.status,
      answered: own.length,
      statuses,
      offContract: own.filter((answer) => answer.problems.length > 0).length,
      latencyMs: summarize(own.map((answer) => answer.latencyMs)),
    };
  }
  return figures;
};

const idFigures = (answers: readonly Answer[]): LoadFigures['traceIds'] => {
  const defined = (ids: (string | undefined)[]) => ids.filter((id) => id !== undefined);
  const traces = defined(answers.map((answer) => answer.traceId));
  const requestIds = defined(answers.map((answer) => answer.requestId));
  const distinct = new Set(traces).size;
  return {
    responses: traces.length,
    distinct,
    shared: traces.length - distinct,
    requestIdsShared: requestIds.length - new Set(requestIds).size,
  };
};

const memoryFigures = ({ rss, heap }: Measured): LoadFigures['memory'] => ({
  rssBeforeMiB: rss.before === null ? null : mib(rss.before.rss),
  rssAfterMiB: rss.after === null ? null : mib(rss.after.rss),
  rssGrowthMiB:
    rss.before === null || rss.after === null ? null : mib(rss.after.rss - rss.before.rss),
  rssPeakMiB: rss.after === null ? null : mib(rss.after.peak),
  heapBeforeMiB: mib(heap.before.heapUsed),
  heapAfterMiB: mib(heap.after.heapUsed),
  heapGrowthMiB: mib(heap.after.heapUsed - heap.before.heapUsed),
  heapAfterGc: heap.before.gc && heap.after.gc,
});

const loadFigures = ({ answers, load, slow }: Measured): LoadFigures['load'] => {
  const durationSec = round(load.seconds, 3);
  const latency = load.result.latency;
  return {
    durationSec,
    autocannonDurationSec: load.result.duration,
    sent: load.result.requests.sent,
    answered: load.result.requests.total,
    recorded: answers.filter((answer) => answer.phase === 'load').length,
    reqPerSec: round(durationSec > 0 ? load.result.requests.total / durationSec : 0, 0),
    connectionErrors: load.result.errors + (slow?.result.errors ?? 0),
    timeouts: load.result.timeouts + (slow?.result.timeouts ?? 0),
    stoppedByTimeLimit: load.stoppedByTimeLimit || slow?.stoppedByTimeLimit === true,
    latencyMs: summarize(
      answers.filter((answer) => answer.phase === 'load').map((answer) => answer.latencyMs),
    ),
    autocannonLatencyMs: {
      p50: latency.p50,
      p99: latency.p99,
      max: latency.max,
      mean: latency.average,
    },
  };
};

export const buildFigures = (run: Measured): RunFigures => {
  const { options, answers, logFile, logMatch } = run;
  const offContract = answers.filter((answer) => answer.problems.length > 0);
  const count = (from: number, to: number) =>
    answers.filter((answer) => answer.status >= from && answer.status < to).length;
  return {
    startedAt: run.startedAt.toISOString(),
    machine: { node: process.version, cpus: cpus().length },
    options: {
      requests: options.requests,
      connections: options.connections,
      warmup: options.warmup,
      slow: options.slow,
      timeLimitSec: options.timeLimitSec,
      heapGrowthLimitMiB: options.heapGrowthLimitMiB,
      rssGrowthLimitMiB: options.rssGrowthLimitMiB,
    },
    mix: MIX,
    load: loadFigures(run),
    warmup: { answered: run.warmupAnswered },
    slow: {
      sent: run.slow?.result.requests.sent ?? 0,
      answered: run.slow?.result.requests.total ?? 0,
    },
    routes: routeFigures(answers),
    contract: {
      checked: answers.length,
      offContract: offContract.length,
      examples: offContract
        .slice(0, EXAMPLES)
        .map(
          (answer) =>
            `${answer.path} ${answer.status} ${answer.traceId}: ${answer.problems.join('; ')}`,
        ),
    },
    logs: {
      ...logFile.totals,
      responses5xx: count(500, 600),
      responses4xx: count(400, 500),
      responses2xx: count(200, 300),
      mismatched: logMatch.mismatched,
      orphanReports: logMatch.orphanReports,
      untracedReports: logFile.untraced.length,
      stderrOther: run.stderrLines.length,
      examples: logMatch.examples,
    },
    traceIds: idFigures(answers),
    memory: memoryFigures(run),
  };
};
