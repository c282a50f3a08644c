/**
 * Every file of examples/ (the README's code, runnable): it typechecks under the strict
 * tsconfig, and its handler answers a real API Gateway REST event by the contract. The README
 * shows no TypeScript that is not in an example, and its install command installs every
 * package the examples import.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, repoRoot } from '../support/lambda.js';
import { exampleFiles, examplesDir, runExample } from './run-example.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const source = (name: string) => readFileSync(join(examplesDir, name), 'utf8');

describe('examples/', () => {
  it('holds the examples', () => {
    expect(exampleFiles().length).toBeGreaterThanOrEqual(3);
  });

  it('typechecks under the strict tsconfig', () => {
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const files = exampleFiles().map((name) => join('examples', name));
    // The project's options (strict, NodeNext, `paths` to the source), on the examples only.
    const run = () =>
      execFileSync(process.execPath, [tsc, '-p', join('test', 'examples', 'tsconfig.json')], {
        cwd: repoRoot,
        encoding: 'utf8',
      });
    expect(run).not.toThrow();
    const listed = execFileSync(
      process.execPath,
      [tsc, '-p', join('test', 'examples', 'tsconfig.json'), '--listFilesOnly'],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    for (const file of files) expect(listed).toContain(file);
  });

  it.each(exampleFiles())('%s answers a real REST event by the contract', async (name) => {
    // Real REST proxy events always carry `isBase64Encoded` (the public sample lacks it, and the
    // Powertools Router refuses an event without it).
    const event = { ...fixture('apigw-request.json'), isBase64Encoded: false };
    const run = await runExample(name, event);
    const { statusCode, headers = {}, body } = run.result;
    expect(Number.isInteger(statusCode)).toBe(true);
    expect(typeof body).toBe('string');
    for (const value of Object.values(headers)) expect(typeof value).toBe('string');
    if (Number(statusCode) >= 400) {
      expect(JSON.parse(String(body))).toMatchObject({
        error: expect.stringMatching(/^[a-z_]+$/),
        traceId: run.traceRoot,
        requestId: run.requestId,
      });
      const level = Number(statusCode) >= 500 ? 'ERROR' : 'WARN';
      expect(run.logs.filter((line) => line.level === level)).toHaveLength(1);
    }
    expect(String(body)).not.toMatch(/\n\s+at /); // no stack reaches the client
  });
});

describe('README', () => {
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  const significant = (text: string) =>
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');

  it('shows only TypeScript that an example holds, line by line, in order', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    for (const block of blocks) {
      const holders = exampleFiles().filter((name) => {
        const lines = significant(source(name));
        let at = 0;
        return significant(block).every((wanted) => {
          while (at < lines.length && !lines[at]?.includes(wanted)) at += 1;
          return at++ < lines.length;
        });
      });
      expect(holders, `no example holds:\n${block}`).not.toEqual([]);
    }
  });

  it('install command installs every package the examples import', () => {
    // The ten-minute guide's first step; its second wraps a handler.
    const start = readme.indexOf('### 1. Install');
    expect(start).toBeGreaterThan(0);
    const install = readme.slice(start, readme.indexOf('### 2. Wrap a handler'));
    const installed = new Set(
      [...install.matchAll(/^npm (?:install|i) (.+)$/gm)]
        .flatMap((match) => (match[1] ?? '').split(/\s+/))
        .filter((word) => !word.startsWith('-'))
        .map((word) => word.replace(/(?<=.)@[^/]*$/, '')),
    );
    const imported = exampleFiles().flatMap((name) =>
      [...source(name).matchAll(/^import .*?from '([^']+)';$/gm)].map((match) => match[1] ?? ''),
    );
    const packages = new Set(
      imported
        .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:'))
        .map((specifier) =>
          specifier
            .split('/')
            .slice(0, specifier.startsWith('@') ? 2 : 1)
            .join('/'),
        )
        .map((name) => (name === 'aws-lambda' ? '@types/aws-lambda' : name)),
    );
    expect(packages.size).toBeGreaterThan(3);
    // Where an onIncident example forwards to is the app's own pick, installed by that example's
    // guide (docs/fingerprint.md), not by the library's install command.
    const ownPick = new Set(['@aws-sdk/client-eventbridge']);
    expect([...packages].filter((name) => !installed.has(name) && !ownPick.has(name))).toEqual([]);
  });
});
