/**
 * The targets of `npm run bench`, each with whether it is met: one per pair of pairs.ts that has
 * a limit, plus import time, bundle size, heap growth and the cold start inside the runtime
 * client (init and first error over the peer).
 */
import type { ColdStartResult } from './cold-start.js';
import type { MemoryResult } from './memory.js';
import { PAIRS, pairKey } from './pairs.js';
import type { RedactionResult } from './redaction.js';
import type { RicColdStartResult, RicLeg, RicMetric } from './ric-leg.js';
import type { Summary } from './stats.js';
import type { ThroughputResult } from './throughput.js';

const KIB = 1024;
/** Largest accepted median ratio of import CPU time, errorNormalizer / http-error-handler. */
const IMPORT_LIMIT = 1.05;
/** Largest accepted median of the per-round difference inside aws-lambda-ric, ms over the peer. */
const RIC_INIT_LIMIT_MS = 1;
const RIC_FIRST_ERROR_LIMIT_MS = 2;
/** Largest accepted median ratio of redaction CPU time, hostile 16 KB / plain 16 KB, per rule. */
const HOSTILE_LIMIT = 3;

export interface Target {
  name: string;
  value: number;
  shown: string;
  limit: string;
  met: boolean;
  /** Why the figure was not measured (the target then counts as not met). */
  notRun?: string;
  /** Where a miss is an accepted cost, the page that says why (shown beside the verdict). */
  accepted?: string;
}

/**
 * The minimal handler's size and cold-start targets (issue 21) are missed by the cost of the
 * default redaction and grouping (issues 19 and 22), which stay on: the decision and its
 * figures are on this page.
 */
const DEFAULT_PROMISES_COST = 'docs/architecture.md#what-a-handler-pays-for';

/** A ratio summary as `median [q1-q3]`. */
export const ratio = (s: Summary | undefined) =>
  s === undefined ? 'n/a' : `${s.median.toFixed(3)} [${s.q1.toFixed(2)}-${s.q3.toFixed(2)}]`;

const ratioTarget = (name: string, measured: Summary | undefined, limit: number): Target => {
  const value = measured?.median ?? Number.NaN;
  return { name, value, shown: ratio(measured), limit: `<= ${limit}`, met: value <= limit };
};

/** The control pairs (no limit) as `label: ratio`, the run's noise. */
export const controls = (throughput: ThroughputResult): string[] =>
  PAIRS.filter((pair) => pair.limit === undefined).map(
    (pair) => `${pair.label} ${ratio(throughput[pair.path].ratios[pairKey(pair)])}`,
  );

/** A difference summary in ms as `+median [q1..q3]`. */
export const delta = (s: Summary | undefined) =>
  s === undefined
    ? 'n/a'
    : `${s.median >= 0 ? '+' : ''}${s.median.toFixed(2)} ms [${s.q1.toFixed(2)}..${s.q3.toFixed(2)}]`;

/**
 * Judged on the client's main-thread CPU time where /proc gives it (other work on the machine
 * disturbs it far less than wall time), else on wall time; the other is shown beside.
 */
const ricTarget = (
  name: string,
  leg: RicLeg,
  metric: (basis: 'Cpu' | 'Wall') => RicMetric,
  limitMs: number,
): Target => {
  const limit = `<= +${limitMs} ms`;
  if (!leg.ran) {
    return { name, value: Number.NaN, shown: 'not run', limit, met: false, notRun: leg.reason };
  }
  const result: RicColdStartResult = leg.result;
  const basis = metric(result.cpuTimes ? 'Cpu' : 'Wall');
  const judged = result.overPeerMs[basis];
  const [lo, hi] = result.overPeerCi95Ms[basis];
  const wall = result.overPeerMs[metric('Wall')];
  // The interval beside the verdict: on a loaded machine it can straddle the limit, and the
  // verdict then flips from run to run.
  const shown =
    `${delta(judged)} CI95 ${lo.toFixed(2)}..${hi.toFixed(2)}` +
    (result.cpuTimes ? ` CPU (wall ${wall.median.toFixed(2)})` : ' wall');
  return { name, value: judged.median, shown, limit, met: judged.median <= limitMs };
};

export const targetsOf = (
  throughput: ThroughputResult,
  cold: ColdStartResult,
  memory: MemoryResult,
  ric: RicLeg,
  redaction: RedactionResult = {},
): Target[] => {
  const pairs = PAIRS.flatMap((pair) =>
    pair.limit === undefined
      ? []
      : [ratioTarget(pair.label, throughput[pair.path].ratios[pairKey(pair)], pair.limit)],
  );
  const gzipDelta = cold.size.normalizer.gzip - cold.size.peer.gzip;
  const rawDelta = cold.size.normalizer.raw - cold.size.peer.raw;
  const hostile = Object.entries(redaction).map(([rule, { ratio }]) =>
    ratioTarget(`redaction, ${rule}: hostile 16 KB / plain 16 KB`, ratio, HOSTILE_LIMIT),
  );
  return [
    ...pairs,
    ...hostile,
    {
      ...ratioTarget(
        'cold start: import errorNormalizer / http-error-handler',
        cold.ratio,
        IMPORT_LIMIT,
      ),
      accepted: DEFAULT_PROMISES_COST,
    },
    // Judged on gzip bytes, as bundle budgets usually are (and as Lambda stores and ships a
    // zipped package); raw bytes are shown beside, and their parse cost is what the import-time
    // target measures.
    {
      name: 'bundle: bytes over peer, minified, gzip (raw)',
      value: gzipDelta,
      shown: `${gzipDelta} B gz (${rawDelta} B raw)`,
      limit: `<= ${5 * KIB} B gz`,
      met: gzipDelta <= 5 * KIB,
      accepted: DEFAULT_PROMISES_COST,
    },
    {
      name: 'memory: heap growth, 1M errors, after GC',
      value: memory.growthBytes,
      shown: `${(memory.growthBytes / KIB / KIB).toFixed(3)} MiB`,
      limit: '< 5 MiB',
      met: memory.growthBytes < 5 * KIB * KIB,
    },
    {
      ...ricTarget(
        'aws-lambda-ric: init over http-error-handler',
        ric,
        (basis) => `init${basis}`,
        RIC_INIT_LIMIT_MS,
      ),
      accepted: DEFAULT_PROMISES_COST,
    },
    {
      ...ricTarget(
        'aws-lambda-ric: first error answered over http-error-handler',
        ric,
        (basis) => `firstError${basis}`,
        RIC_FIRST_ERROR_LIMIT_MS,
      ),
      accepted: DEFAULT_PROMISES_COST,
    },
  ];
};
