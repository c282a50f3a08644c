/**
 * A real CommonJS app against the packed tarball on Node 24, the Lambda runtime we target:
 * `.ci/package-check/run.mjs` packs a staged copy (dist/ is left alone), installs the tarball
 * into a TypeScript CommonJS app (`skipLibCheck: false`, no Middy, no Tracer) and a plain
 * JavaScript `require()` app, and answers a real API Gateway REST event with each. Node 24
 * comes from the npm registry (`node@24`) into .cache/, once; without it this fails, saying so.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/lambda.js';
import { ensureNode24 } from '../support/node24.js';

const cache = join(repoRoot, '.cache', 'node24');
let node24 = '';

beforeAll(() => {
  try {
    node24 = ensureNode24(cache);
  } catch (error) {
    throw new Error(
      `Node 24 is needed for this test and could not be had (this Node, or npm install node@24 into ${cache}): ${String(error)}`,
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
