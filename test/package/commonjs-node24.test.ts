/**
 * A real CommonJS app against the packed tarball on Node 24, the Lambda runtime we target:
 * `.ci/package-check/run.mjs` packs a staged copy (dist/ is left alone), installs the tarball
 * into a TypeScript CommonJS app (`skipLibCheck: false`, no Middy, no Tracer) and a plain
 * JavaScript `require()` app, and answers a real API Gateway REST event with each. Node 24
 * comes from the npm registry (`node@24`) into .cache/, once; without it this fails, saying so.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/lambda.js';

const cache = join(repoRoot, '.cache', 'node24');
const node24 = join(cache, 'node_modules', '.bin', 'node');

beforeAll(() => {
  if (existsSync(node24)) return;
  try {
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        cache,
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--no-package-lock',
        'node@24',
      ],
      { stdio: 'pipe' },
    );
  } catch (error) {
    throw new Error(
      `Node 24 is needed for this test and could not be installed from the npm registry (npm install node@24 into ${cache}): ${String(error)}`,
    );
  }
});

describe('CommonJS app on Node 24, from the packed tarball', () => {
  it('a TypeScript CommonJS app and a plain require() app answer a REST event by the contract', () => {
    const version = execFileSync(node24, ['--version'], { encoding: 'utf8' }).trim();
    expect(version).toMatch(/^v24\./);
    const result = spawnSync(
      process.execPath,
      [
        '.ci/package-check/run.mjs',
        '--staged',
        '--no-lint',
        '--apps',
        'cjs-ts,plain-js',
        '--node',
        node24,
      ],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    const said = `${result.stdout}${result.stderr}`;
    expect(said).toContain(`ok   cjs-ts: runs on node ${version}`);
    expect(said).toContain(`ok   plain-js: runs on node ${version}`);
    expect(said).toContain('ok   cjs-ts: tsc (strict, skipLibCheck false)');
    expect(said).not.toContain('FAIL');
    expect(result.status, said).toBe(0);
  }, 240_000);
});
