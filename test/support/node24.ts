/**
 * A Node 24 binary (the Lambda runtime we target) for the tests and the bench that need one
 * whatever Node runs them: this process's own when it is Node 24, else `node@24` from the npm
 * registry, installed once into `prefix` (as .ci/run installs it). No vitest import: the bench
 * uses it too.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const NODE_MAJOR = 24;

const majorOf = (binary: string): number => {
  const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  return Number(version.replace(/^v/, '').split('.')[0]);
};

/**
 * The path of a Node 24 binary.
 *
 * @param prefix - the folder `node@24` is installed into when this process is not Node 24.
 * @param log - told once when the install starts.
 * @returns this process's own binary, or the cached one.
 * @throws when none can be had, saying why.
 */
export const ensureNode24 = (prefix: string, log: (line: string) => void = () => {}): string => {
  if (Number(process.versions.node.split('.')[0]) === NODE_MAJOR) return process.execPath;
  const cached = join(prefix, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(cached)) {
    log(`installing node@${NODE_MAJOR} from the npm registry into ${prefix} (once)...`);
    const install = spawnSync(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--no-package-lock',
        `node@${NODE_MAJOR}`,
      ],
      { encoding: 'utf8' },
    );
    if (install.status !== 0 || !existsSync(cached)) {
      throw new Error(`npm install node@${NODE_MAJOR} failed: ${install.stderr.trim()}`);
    }
  }
  const major = majorOf(cached);
  if (major !== NODE_MAJOR) throw new Error(`${cached} is Node ${major}, not ${NODE_MAJOR}`);
  return cached;
};
