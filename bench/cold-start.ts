/**
 * Cold start and size. Each entry (a handler file importing middy, Powertools Logger and the
 * error middleware) is bundled as a Lambda deployment would be: esbuild, bundle everything
 * but Node built-ins, minified ESM. Size: raw and gzip bytes. Import time: `import()` of the
 * bundle in a fresh Node process (CPU and wall time around the import), entries alternating.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { type InputBytes, inputBytes } from './bundle-inputs.js';
import { TMP, workerEnv } from './child.js';
import { type Summary, summarize } from './stats.js';

export const ENTRIES = ['base', 'normalizer', 'peer'] as const;
type Entry = (typeof ENTRIES)[number];
const RUNS = 30;

const PROBE = `
const cpu0 = process.cpuUsage(); const t0 = performance.now();
await import(process.argv[1]);
const wall = performance.now() - t0; const cpu = process.cpuUsage(cpu0);
process.stdout.write(JSON.stringify({ wall, cpu: (cpu.user + cpu.system) / 1000 }));`;

export interface Size {
  raw: number;
  gzip: number;
}

export interface ColdStartResult {
  size: Record<Entry, Size>;
  /** ms to import each bundle: CPU and wall. */
  importCpuMs: Record<Entry, Summary>;
  importWallMs: Record<Entry, Summary>;
  /** Per-run pair ratio of import CPU time, normalizer / peer. */
  ratio: Summary;
  wallRatio: Summary;
  runs: number;
  /** What the errorNormalizer bundle holds, per src/ module or package, minified bytes. */
  normalizerInputs: InputBytes[];
}

/** Bundles an entry file as a Lambda deployment would; returns the bundle's path and metafile. */
export const bundle = async (
  entryFile: string,
  name: string,
): Promise<{ outfile: string; metafile: Metafile }> => {
  const outfile = `${TMP}cold/${name}.mjs`;
  const { metafile } = await build({
    entryPoints: [entryFile],
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // No externals: the minimal handler imports no optional peer, so nothing may stay unresolved.
    logLevel: 'warning',
    metafile: true,
  });
  return { outfile, metafile };
};

/** CPU and wall ms of `import()` of `file` in a fresh Node process. */
export const importOnce = (file: string): { wall: number; cpu: number } => {
  const run = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', PROBE, pathToFileURL(file).href],
    { env: workerEnv(), encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`import of ${file} failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
};

export const measureColdStart = async (): Promise<ColdStartResult> => {
  const files = {} as Record<Entry, string>;
  const size = {} as Record<Entry, Size>;
  let normalizerInputs: InputBytes[] = [];
  for (const entry of ENTRIES) {
    const built = await bundle(
      fileURLToPath(new URL(`./entries/${entry}.ts`, import.meta.url)),
      entry,
    );
    files[entry] = built.outfile;
    if (entry === 'normalizer') normalizerInputs = inputBytes(built.metafile);
    const code = readFileSync(files[entry]);
    size[entry] = { raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
  }
  const cpu: Record<Entry, number[]> = { base: [], normalizer: [], peer: [] };
  const wall: Record<Entry, number[]> = { base: [], normalizer: [], peer: [] };
  for (const entry of ENTRIES) importOnce(files[entry]); // warm the file cache
  for (let run = 0; run < RUNS; run++) {
    const order = run % 2 === 0 ? ENTRIES : [...ENTRIES].reverse();
    for (const entry of order) {
      const sample = importOnce(files[entry]);
      cpu[entry].push(sample.cpu);
      wall[entry].push(sample.wall);
    }
  }
  const ratioOf = (samples: Record<Entry, number[]>) =>
    summarize(samples.normalizer.map((value, i) => value / (samples.peer[i] as number)));
  return {
    size,
    importCpuMs: {
      base: summarize(cpu.base),
      normalizer: summarize(cpu.normalizer),
      peer: summarize(cpu.peer),
    },
    importWallMs: {
      base: summarize(wall.base),
      normalizer: summarize(wall.normalizer),
      peer: summarize(wall.peer),
    },
    ratio: ratioOf(cpu),
    wallRatio: ratioOf(wall),
    runs: RUNS,
    normalizerInputs,
  };
};
