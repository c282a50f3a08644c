// The package's tarball, as `npm publish` would upload it. `npm pack` in the repository runs
// `prepack` (rm -rf dist, then build); `staged` builds into a temporary copy instead and packs
// that, so that a test can pack while other tests of the same run read the work tree.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Packs `repo` into `work` and returns the tarball's path. */
export const packTarball = (repo, work, { staged = false } = {}) => {
  const out = join(work, 'tarball');
  mkdirSync(out, { recursive: true });
  if (staged) {
    const stage = join(work, 'stage');
    mkdirSync(stage, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
    for (const file of ['package.json', ...manifest.files.filter((name) => name !== 'dist')]) {
      copyFileSync(join(repo, file), join(stage, file));
    }
    const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
    run(
      process.execPath,
      [tsc, '-p', 'tsconfig.build.json', '--outDir', join(stage, 'dist')],
      repo,
    );
    run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', out], stage);
  } else {
    run('npm', ['pack', '--silent', '--pack-destination', out], repo);
  }
  const name = readdirSync(out).find((file) => file.endsWith('.tgz'));
  if (name === undefined) throw new Error(`npm pack left no tarball in ${out}`);
  return join(out, name);
};
