/**
 * The `lambda-error-normalizer` bin as the package ships it: compiled by the build, started by
 * Node through its shebang. Built here (a tsc run of seconds), so it lives with the package
 * checks rather than in the fast lane of `test/cli/`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('the compiled bin', () => {
  it('starts with a shebang and runs from dist', async () => {
    expect(readFileSync('src/cli/cli.ts', 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    // Compiled inside the repository so that node_modules resolves, as from dist/.
    const out = mkdtempSync(join(process.cwd(), 'node_modules', '.len-cli-build-'));
    try {
      await run('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', out]);
      const cli = join(out, 'cli', 'cli.js');
      expect(readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
      const help = await run(process.execPath, [cli, '--help']);
      expect(help.stdout).toContain('Usage: lambda-error-normalizer logs');
      const bad = await run(process.execPath, [cli, 'logs', 'nope']).catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('Not an X-Ray') });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
