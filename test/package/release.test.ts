/**
 * The release path works before anyone needs it: `changeset version` (the `version` script),
 * run on a copy of the manifest, CHANGELOG.md and .changeset/, writes every pending
 * changeset's summary into CHANGELOG.md under the bumped version. Changesets' CLI wants Node
 * 22.11+; this uses the Node 24 that commonjs-node24.test.ts keeps in .cache/ (installed
 * the same way, test/support/node24.ts, when missing).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/lambda.js';
import { ensureNode24 } from '../support/node24.js';

const cache = join(repoRoot, '.cache', 'node24');
const read = (file: string) => readFileSync(file, 'utf8');

describe('release with changesets', () => {
  it('changeset version writes each pending changeset into CHANGELOG.md and bumps', () => {
    const node24 = ensureNode24(cache);
    const pending = readdirSync(join(repoRoot, '.changeset')).filter(
      (name) => name.endsWith('.md') && name !== 'README.md',
    );
    const copy = mkdtempSync(join(tmpdir(), 'release-'));
    for (const name of ['package.json', 'CHANGELOG.md', '.changeset']) {
      cpSync(join(repoRoot, name), join(copy, name), { recursive: true });
    }
    symlinkSync(join(repoRoot, 'node_modules'), join(copy, 'node_modules'));
    execFileSync('git', ['init', '-q'], { cwd: copy });
    const cli = join(repoRoot, 'node_modules', '@changesets', 'cli', 'bin.js');
    execFileSync(node24, [cli, 'version'], { cwd: copy, stdio: 'pipe' });

    const before = JSON.parse(read(join(repoRoot, 'package.json'))) as { version: string };
    const after = JSON.parse(read(join(copy, 'package.json'))) as { version: string };
    const changelog = read(join(copy, 'CHANGELOG.md'));
    if (pending.length === 0) {
      expect(after.version).toBe(before.version);
      return;
    }
    expect(after.version).not.toBe(before.version);
    expect(changelog).toContain(`## ${after.version}`);
    for (const name of pending) {
      const summary =
        read(join(repoRoot, '.changeset', name))
          .split('---')[2]
          ?.trim() ?? '';
      expect(changelog).toContain(summary.split('\n')[0]);
    }
  });
});
