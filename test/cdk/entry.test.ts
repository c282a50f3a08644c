/**
 * The `cdk` entry point stands apart: the package root never loads `aws-cdk-lib` or
 * `constructs` (optional peers), and the constructs load only `aws-cdk-lib/*` submodules.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/lambda.js';

/** Every module specifier a file imports, type-only imports left out (they vanish at build). */
const runtimeImports = (file: string): string[] =>
  [
    ...readFileSync(file, 'utf8').matchAll(/^(?:import|export) (?!type )[^;]*?from '([^']+)'/gm),
  ].map((match) => match[1] ?? '');

/** The files `entry` loads at run time, itself included. */
const reachable = (entry: string): Map<string, string[]> => {
  const seen = new Map<string, string[]>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    const specs = runtimeImports(file);
    seen.set(file, specs);
    for (const spec of specs) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
    }
  };
  visit(entry);
  return seen;
};

describe('lambda-error-normalizer/cdk', () => {
  it('is not loaded by the package root', () => {
    const files = reachable(join(repoRoot, 'src', 'index.ts'));
    const cdk = [...files].filter(
      ([file, specs]) =>
        file.includes(`${join('src', 'cdk')}`) ||
        specs.some((s) => s.startsWith('aws-cdk-lib') || s === 'constructs'),
    );
    expect(cdk).toEqual([]);
    // The walk is live: the root does reach the doors.
    expect([...files.keys()].some((file) => file.endsWith(join('doors', 'middy.ts')))).toBe(true);
  });

  it('loads aws-cdk-lib submodules only, never the whole library', () => {
    const files = reachable(join(repoRoot, 'src', 'cdk', 'index.ts'));
    const specs = [...files.values()].flat().filter((s) => !s.startsWith('.'));
    expect(specs.filter((s) => s === 'aws-cdk-lib')).toEqual([]);
    expect(specs.filter((s) => s.startsWith('aws-cdk-lib/')).length).toBeGreaterThan(0);
    expect(
      specs.filter(
        (s) => !s.startsWith('aws-cdk-lib/') && s !== 'constructs' && !s.startsWith('node:'),
      ),
    ).toEqual([]);
  });

  it('exports both constructs', async () => {
    const entry = await import('../../src/cdk/index.js');
    expect(typeof entry.ApiErrorContract).toBe('function');
    expect(typeof entry.ErrorMonitoring).toBe('function');
  });
});
