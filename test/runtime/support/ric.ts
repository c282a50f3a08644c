/**
 * `aws-lambda-ric`, the managed Node.js runtime's own client, installed once into a cache
 * folder outside node_modules: its install compiles libcurl, aws-lambda-cpp and a native addon
 * (minutes), so it stays out of `npm ci` and is reused by every later run.
 *
 * The folder is keyed by the client version, the Node major, platform and architecture.
 * `RIC_CACHE_DIR` moves it (CI points it at a folder that outlives the checkout); by default
 * it is `.cache/ric/` in the repository, which git ignores.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '../../support/repo-root.js';

/** Pinned on purpose: a new client version is a new cache entry, taken deliberately. */
export const RIC_VERSION = '4.0.2';

/** The oldest Node the client supports (its `engines`). */
const MIN_NODE_MAJOR = 22;

const nodeMajor = (): number => Number(process.versions.node.split('.')[0]);

/**
 * The cache entry of this client version for a Node major: by default the one running this
 * process (the bench asks for Node 24's from an older Node).
 */
export const ricInstallDir = (major = nodeMajor()): string =>
  path.join(
    process.env.RIC_CACHE_DIR ?? path.join(repoRoot, '.cache', 'ric'),
    `aws-lambda-ric@${RIC_VERSION}-node${major}-${process.platform}-${process.arch}`,
  );

/** The client's entry point, as the managed runtime starts it. */
export const ricEntry = (installDir = ricInstallDir()): string =>
  path.join(installDir, 'node_modules', 'aws-lambda-ric', 'index.mjs');

const nativeAddon = (installDir: string): string =>
  path.join(installDir, 'node_modules', 'aws-lambda-ric', 'rapid-client.node');

/** Whether a cache entry holds a finished build (its native addon is the last thing built). */
export const ricBuilt = (installDir = ricInstallDir()): boolean =>
  existsSync(nativeAddon(installDir));

const npmInstall = (cwd: string): Promise<void> =>
  new Promise((resolve, reject) => {
    // This Node's own npm would do, but the one on PATH is what a developer runs: the addon is
    // Node-API, so it loads in any Node >= 22 whichever npm built it.
    const child = spawn(
      'npm',
      [
        'install',
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--no-package-lock',
        '--foreground-scripts',
        `aws-lambda-ric@${RIC_VERSION}`,
      ],
      { cwd, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm install aws-lambda-ric exited with ${code}`)),
    );
  });

/**
 * The client's entry point, installing the client first if this cache entry has none. The
 * install goes to a fresh folder renamed into place at the end, so an interrupted build never
 * leaves a half-built entry behind, and a concurrent run's finished entry wins.
 */
export const ensureRic = async (log: (line: string) => void = console.log): Promise<string> => {
  if (nodeMajor() < MIN_NODE_MAJOR) {
    throw new Error(
      `aws-lambda-ric ${RIC_VERSION} needs Node >= ${MIN_NODE_MAJOR}; this is ${process.version}. ` +
        'Run the runtime leg on Node 24, e.g. `npm install --prefix /tmp/node24 --no-save node@24` ' +
        'and put /tmp/node24/node_modules/.bin first on PATH.',
    );
  }
  const installDir = ricInstallDir();
  if (ricBuilt(installDir)) return ricEntry(installDir);

  const parent = path.dirname(installDir);
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(path.join(parent, '.staging-'));
  try {
    log(`Building aws-lambda-ric ${RIC_VERSION} into ${installDir} (a few minutes, once)...`);
    await writeFile(path.join(staging, 'package.json'), '{ "private": true }\n');
    await npmInstall(staging);
    if (!existsSync(nativeAddon(staging))) {
      throw new Error(`aws-lambda-ric installed without its native addon in ${staging}`);
    }
    await rename(staging, installDir).catch((error: NodeJS.ErrnoException) => {
      // Another run finished first: keep its entry.
      if (!ricBuilt(installDir)) throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return ricEntry(installDir);
};
