/**
 * The targets of `npm run bench`, each with whether it is met: one per pair of pairs.ts that has
 * a limit, plus import time, bundle size and heap growth.
 */
import type { ColdStartResult } from './cold-start.js';
import type { MemoryResult } from './memory.js';
import { PAIRS, pairKey } from './pairs.js';
import type { RedactionResult } from './redaction.js';
import type { Summary } from './stats.js';
import type { ThroughputResult } from './throughput.js';

const KIB = 1024;
/** Largest accepted median ratio of import CPU time, errorNormalizer / http-error-handler. */
const IMPORT_LIMIT = 1.05;
/** Largest accepted median ratio of redaction CPU time, hostile 16 KB / plain 16 KB, per rule. */
const HOSTILE_LIMIT = 3;

export interface Target {
  name: string;
  value: number;
  shown: string;
  limit: string;
  met: boolean;
}

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

export const targetsOf = (
  throughput: ThroughputResult,
  cold: ColdStartResult,
  memory: MemoryResult,
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
    ratioTarget(
      'cold start: import errorNormalizer / http-error-handler',
      cold.ratio,
      IMPORT_LIMIT,
    ),
    // Judged on gzip bytes, as bundle budgets usually are (and as Lambda stores and ships a
    // zipped package); raw bytes are shown beside, and their parse cost is what the import-time
    // target measures.
    {
      name: 'bundle: bytes over peer, minified, gzip (raw)',
      value: gzipDelta,
      shown: `${gzipDelta} B gz (${rawDelta} B raw)`,
      limit: `<= ${5 * KIB} B gz`,
      met: gzipDelta <= 5 * KIB,
    },
    {
      name: 'memory: heap growth, 1M errors, after GC',
      value: memory.growthBytes,
      shown: `${(memory.growthBytes / KIB / KIB).toFixed(3)} MiB`,
      limit: '< 5 MiB',
      met: memory.growthBytes < 5 * KIB * KIB,
    },
  ];
};
