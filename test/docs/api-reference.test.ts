/**
 * `npm run docs` stays clean: TypeDoc over the package's entries, with warnings as errors and
 * every public member documented (typedoc.json), reports nothing. Nothing is written.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/lambda.js';

describe('API reference', () => {
  it('TypeDoc validates the public surface with 0 warnings', () => {
    const typedoc = join(repoRoot, 'node_modules', 'typedoc', 'bin', 'typedoc');
    const result = spawnSync(process.execPath, [typedoc, '--emit', 'none'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    const said = `${result.stdout}${result.stderr}`;
    expect(said).not.toMatch(/\[warning\]|\[error\]/);
    expect(result.status, said).toBe(0);
  }, 120_000);
});
