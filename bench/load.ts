/**
 * `npm run load`: a bounded load test of the local demo (see bench/load-run.ts). Starts the demo
 * server on 127.0.0.1 (free port, fresh log file in a temp dir), warms it up, sends the mixed
 * load with autocannon, prints the figures and checks, writes them to
 * bench/.tmp/load-results.json (not tracked; `--save`: the tracked bench/load-results.json, the
 * record behind the README's table), stops the server, and exits 1 if any check fails (2 on bad
 * options or a failed run).
 *
 *   npm run load -- --requests 20000 --connections 50 --warmup 500 --slow 10 --time-limit 120
 *
 * Every option also reads from the environment: LOAD_REQUESTS, LOAD_CONNECTIONS, LOAD_WARMUP,
 * LOAD_SLOW, LOAD_TIME_LIMIT, LOAD_HEAP_LIMIT_MIB, LOAD_RSS_LIMIT_MIB, LOAD_OUT; flags win.
 * `--keep` keeps the temp dir (log file and server console); it is kept anyway on failure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_OPTIONS, type LoadOptions } from './load-options.js';
import { formatFigures } from './load-report.js';
import { runLoad } from './load-run.js';

const USAGE = `usage: npm run load -- [--requests N] [--connections N] [--warmup N] [--slow N]
       [--time-limit SEC] [--heap-limit MIB] [--rss-limit MIB] [--out FILE | --save | --no-out] [--keep]`;

const fail = (message: string): never => {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
};

const flags = {
  requests: { type: 'string' },
  connections: { type: 'string' },
  warmup: { type: 'string' },
  slow: { type: 'string' },
  'time-limit': { type: 'string' },
  'heap-limit': { type: 'string' },
  'rss-limit': { type: 'string' },
  out: { type: 'string' },
  save: { type: 'boolean' },
  'no-out': { type: 'boolean' },
  keep: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const parse = () => {
  try {
    return parseArgs({ options: flags, allowPositionals: false }).values;
  } catch (error) {
    return fail((error as Error).message);
  }
};
const values = parse();
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const numberOption = (flag: string | undefined, env: string, fallback: number): number => {
  const raw = flag ?? process.env[env];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isFinite(value) || value < 0) fail(`not a number: ${raw}`);
  return value;
};

const options: LoadOptions = {
  requests: numberOption(values.requests, 'LOAD_REQUESTS', DEFAULT_OPTIONS.requests),
  connections: numberOption(values.connections, 'LOAD_CONNECTIONS', DEFAULT_OPTIONS.connections),
  warmup: numberOption(values.warmup, 'LOAD_WARMUP', DEFAULT_OPTIONS.warmup),
  slow: numberOption(values.slow, 'LOAD_SLOW', DEFAULT_OPTIONS.slow),
  timeLimitSec: numberOption(values['time-limit'], 'LOAD_TIME_LIMIT', DEFAULT_OPTIONS.timeLimitSec),
  heapGrowthLimitMiB: numberOption(
    values['heap-limit'],
    'LOAD_HEAP_LIMIT_MIB',
    DEFAULT_OPTIONS.heapGrowthLimitMiB,
  ),
  rssGrowthLimitMiB: numberOption(
    values['rss-limit'],
    'LOAD_RSS_LIMIT_MIB',
    DEFAULT_OPTIONS.rssGrowthLimitMiB,
  ),
  keepFiles: values.keep === true,
  progress: (line) => process.stdout.write(`${line}\n`),
};
if ([values.out !== undefined, values.save, values['no-out']].filter(Boolean).length > 1) {
  fail('--out, --save and --no-out exclude each other');
}
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const out = values['no-out']
  ? undefined
  : values.save
    ? here('./load-results.json')
    : resolve(values.out ?? process.env.LOAD_OUT ?? here('./.tmp/load-results.json'));

let figures: Awaited<ReturnType<typeof runLoad>>;
try {
  figures = await runLoad(options);
} catch (error) {
  process.stderr.write(`load run failed: ${(error as Error).message}\n`);
  process.exit(2);
}

process.stdout.write(`\n${formatFigures(figures)}`);
if (out !== undefined) {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
  process.stdout.write(`figures written to ${out}\n`);
}
process.stdout.write(`${figures.ok ? 'all checks passed' : 'SOME CHECKS FAILED'}\n`);
process.exitCode = figures.ok ? 0 : 1;
