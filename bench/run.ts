/**
 * `npm run bench`: errorNormalizer against a by-hand middleware, @middy/http-error-handler and
 * bare middy (the pairs of pairs.ts) on the success and error paths, then cold start, bundle
 * size, the cold start inside aws-lambda-ric on Node 24 (`--no-ric` skips it, `--ric-rounds N`
 * sets its rounds) and heap growth. Prints each target with whether it is met and writes the
 * results to bench/.tmp/results.json (not tracked); `--save` writes the tracked
 * bench/results.json instead, the record behind the README's table. Method: bench/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runWorker, TMP } from './child.js';
import { type ColdStartResult, measureColdStart } from './cold-start.js';
import type { MemoryResult } from './memory.js';
import { stacksOf } from './pairs.js';
import type { RedactionResult } from './redaction.js';
import { DEFAULT_RIC_ROUNDS, measureRicColdStart, type RicLeg } from './ric-leg.js';
import { ricLines } from './ric-report.js';
import type { Summary } from './stats.js';
import { controls, targetsOf } from './targets.js';
import type { ThroughputResult } from './throughput.js';

const { values } = parseArgs({
  options: {
    save: { type: 'boolean' },
    ric: { type: 'boolean', default: true },
    'ric-rounds': { type: 'string', default: String(DEFAULT_RIC_ROUNDS) },
  },
  allowNegative: true,
});
const ricRounds = Number(values['ric-rounds']);
if (!Number.isInteger(ricRounds) || ricRounds < 1) {
  throw new Error(`--ric-rounds wants a whole number of rounds, not ${values['ric-rounds']}`);
}
const out = values.save
  ? fileURLToPath(new URL('./results.json', import.meta.url))
  : `${TMP}results.json`;

const started = performance.now();
const loadBefore = os.loadavg();

const log = (text: string) => process.stdout.write(`${text}\n`);
log('cold start and size...');
const cold: ColdStartResult = await measureColdStart();
log(`cold start inside aws-lambda-ric (Node 24, ${ricRounds} rounds)...`);
const ric: RicLeg = values.ric
  ? await measureRicColdStart(log, ricRounds)
  : { ran: false, reason: 'skipped (--no-ric)' };
if (!ric.ran) log(`aws-lambda-ric leg NOT RUN: ${ric.reason}`);
log('success and error paths...');
const throughput = await runWorker<ThroughputResult>('throughput', ['--expose-gc']);
log('heap growth over 1,000,000 failing invocations...');
const memory = await runWorker<MemoryResult>('memory', ['--expose-gc']);
log('redaction on hostile and plain 16 KB inputs...');
const redaction = await runWorker<RedactionResult>('redaction');
const targets = targetsOf(throughput, cold, memory, ric, redaction);

const cpus = os.cpus();
const results = {
  date: new Date().toISOString(),
  node: process.version,
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  cpu: { model: cpus[0]?.model ?? 'unknown', count: cpus.length },
  loadavg: { before: loadBefore, after: os.loadavg() },
  seconds: (performance.now() - started) / 1000,
  notes:
    'Ratios: median over alternating rounds of the per-round ratio of process CPU time ' +
    '([q1-q3] and min/max in the details); wall-clock ratios recorded alongside. Control ' +
    'pairs (peer/bare, peer2/peer) do the same work: their distance from 1 is the noise. ' +
    'Times in ns per invocation (throughput) and ms per import (cold start). See bench/README.md.',
  targets,
  throughput,
  coldStart: {
    ...cold,
    sizeDeltaOverPeer: {
      raw: cold.size.normalizer.raw - cold.size.peer.raw,
      gzip: cold.size.normalizer.gzip - cold.size.peer.gzip,
    },
  },
  ricColdStart: ric,
  memory,
  redaction,
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);

const us = (s: Summary | undefined) => `${((s?.median ?? Number.NaN) / 1000).toFixed(2)} us`;
const perStack = (path: keyof ThroughputResult) =>
  stacksOf(path)
    .map((stack) => `${stack.name} ${us(throughput[path].cpuNs[stack.name])}`)
    .join(', ');
log(
  `\n${results.node} on ${results.cpu.count}x ${results.cpu.model}, load ${loadBefore[0]?.toFixed(2)}`,
);
log(`success (CPU/invocation): ${perStack('success')}`);
log(`error (CPU/invocation): ${perStack('error')}`);
log(`controls: ${controls(throughput).join('; ')}`);
log(
  `import (CPU ms): base ${cold.importCpuMs.base.median.toFixed(2)}, ` +
    `normalizer ${cold.importCpuMs.normalizer.median.toFixed(2)}, ` +
    `peer ${cold.importCpuMs.peer.median.toFixed(2)}`,
);
log(
  `bundle bytes raw/gzip: base ${cold.size.base.raw}/${cold.size.base.gzip}, ` +
    `normalizer ${cold.size.normalizer.raw}/${cold.size.normalizer.gzip}, ` +
    `peer ${cold.size.peer.raw}/${cold.size.peer.gzip}`,
);
log(
  `normalizer bundle, largest src/ modules (minified B): ${cold.normalizerInputs
    .filter((entry) => entry.input.startsWith('src/'))
    .slice(0, 8)
    .map((entry) => `${entry.input.slice(4)} ${entry.bytes}`)
    .join(', ')}`,
);
if (ric.ran) for (const line of ricLines(ric.result)) log(line);
log(`memory: ${memory.invocations} errors in ${memory.seconds.toFixed(1)} s\n`);
const verdict = (t: (typeof targets)[number]) => {
  if (t.met) return 'yes';
  if (t.notRun) return 'NOT RUN';
  return t.accepted ? `NO, accepted (${t.accepted})` : 'NO';
};
console.table(
  Object.fromEntries(
    targets.map((t) => [t.name, { measured: t.shown, target: t.limit, met: verdict(t) }]),
  ),
);
log(`${relative(process.cwd(), out)} written (${results.seconds.toFixed(0)} s)`);
