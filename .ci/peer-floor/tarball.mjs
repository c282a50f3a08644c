// What the published tarball must be, whatever the build does: no script npm runs on install,
// and every source map it ships points at sources it ships (or embeds them).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare'];

/** Problems of the tarball at `path`, unpacked under `work`; empty when it is fine. */
export const checkTarball = (path, work) => {
  execFileSync('tar', ['-xzf', path, '-C', work]);
  const root = join(work, 'package');
  const files = new Set(
    execFileSync('tar', ['-tzf', path], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((file) => file.replace(/^package\//, '')),
  );
  const problems = [];
  const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts ?? {};
  for (const name of INSTALL_SCRIPTS) {
    if (name in scripts) problems.push(`package.json has an install-time "${name}" script`);
  }
  for (const map of [...files].filter((file) => file.endsWith('.map'))) {
    const { sources = [], sourcesContent = [] } = JSON.parse(readFileSync(join(root, map), 'utf8'));
    sources.forEach((source, i) => {
      const target = posix.normalize(posix.join(posix.dirname(map), source));
      if (!files.has(target) && typeof sourcesContent[i] !== 'string')
        problems.push(`${map} points at ${target}, which the tarball does not ship`);
    });
  }
  return problems;
};
