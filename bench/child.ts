/**
 * Runs a bench worker in a fresh Node process. The worker is bundled with esbuild first and run
 * by plain `node`: no tsx loader and no source-mapped stack traces in the measured code, as in
 * a deployed Lambda bundle. Its stdout and stderr go to /dev/null, so the logger's writes cost
 * what a write costs but print nothing; the result comes back over IPC.
 * BENCH_DEBUG=1 shows the worker's output instead. BENCH_CPU_PROF=1 runs each worker under
 * `node --cpu-prof` and leaves its profile in bench/.tmp/profiles/ (open it in Chrome DevTools).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const TMP = fileURLToPath(new URL('./.tmp/', import.meta.url));
const DISCARD = process.env.BENCH_DEBUG ? 'inherit' : 'ignore';
const PROFILE = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${TMP}profiles`] : [];

/** Lambda-like environment: no Powertools dev mode, an X-Ray trace id as Lambda sets it. */
export const workerEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('POWERTOOLS_') && !key.startsWith('AWS_')) env[key] = value;
  }
  env._X_AMZN_TRACE_ID =
    'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
  return env;
};

type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Bundles `bench/<name>.ts` and runs it. `execPath` picks another Node binary (the runtime
 * client's leg runs on Node 24 whatever Node runs the bench); `env` adds variables, e.g. paths,
 * which a bundled worker cannot derive from its own `import.meta.url` (it runs from .tmp/).
 */
export const runWorker = async <T>(
  name: string,
  nodeArgs: string[] = [],
  execPath = process.execPath,
  env: Record<string, string> = {},
): Promise<T> => {
  const outfile = `${TMP}${name}.mjs`;
  await build({
    entryPoints: [fileURLToPath(new URL(`./${name}.ts`, import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return new Promise((resolve, reject) => {
    const child = fork(outfile, [], {
      execPath,
      execArgv: [...nodeArgs, ...PROFILE],
      env: { ...workerEnv(), ...env },
      stdio: [DISCARD, DISCARD, DISCARD, 'ipc'],
    });
    let result: Reply<T> | undefined;
    child.on('message', (message) => {
      result = message as Reply<T>;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (result?.ok) resolve(result.value);
      else if (result) reject(new Error(`${name}: ${result.error}`));
      else reject(new Error(`${name} exited with code ${code}; rerun with BENCH_DEBUG=1`));
    });
  });
};

/** The worker side: computes, sends the result (or the failure) to the parent, exits. */
export const reply = async <T>(work: () => Promise<T>): Promise<void> => {
  try {
    const value = await work();
    process.send?.({ ok: true, value } satisfies Reply<T>, () => process.exit(0));
  } catch (error) {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.send?.({ ok: false, error: text } satisfies Reply<T>, () => process.exit(1));
  }
};
