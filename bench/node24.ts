/**
 * The Node 24 binary the runtime client's leg runs on (the managed runtime's Node), whatever
 * Node runs the bench: this process's own when it is Node 24, else `node@24` from the npm
 * registry, installed once into bench/.tmp/node24/ (git-ignored) as .ci/run installs it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { TMP } from './child.js';

export const NODE_MAJOR = 24;

const PREFIX = `${TMP}node24`;
const CACHED = `${PREFIX}/node_modules/node/bin/node`;

const majorOf = (binary: string): number => {
  const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  return Number(version.replace(/^v/, '').split('.')[0]);
};

/** The path of a Node 24 binary; throws, saying why, when none can be had. */
export const ensureNode24 = (log: (line: string) => void): string => {
  if (Number(process.versions.node.split('.')[0]) === NODE_MAJOR) return process.execPath;
  if (!existsSync(CACHED)) {
    log(`installing node@${NODE_MAJOR} from the npm registry into ${PREFIX} (once)...`);
    const install = spawnSync(
      'npm',
      [
        'install',
        '--prefix',
        PREFIX,
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--no-package-lock',
        `node@${NODE_MAJOR}`,
      ],
      { encoding: 'utf8' },
    );
    if (install.status !== 0 || !existsSync(CACHED)) {
      throw new Error(`npm install node@${NODE_MAJOR} failed: ${install.stderr.trim()}`);
    }
  }
  const major = majorOf(CACHED);
  if (major !== NODE_MAJOR) throw new Error(`${CACHED} is Node ${major}, not ${NODE_MAJOR}`);
  return CACHED;
};
