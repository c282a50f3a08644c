/**
 * The package's entry points as a bundler and Node see them, from the source (no pack): each
 * subpath export has its source file and all three conditions, nothing in any entry's graph
 * uses top-level await (require(esm) would refuse it), the root never loads the CDK, and one
 * helper imported from the root bundles alone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/lambda.js';

interface Conditions {
  types: string;
  import: string;
  default: string;
}
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  exports: Record<string, Conditions | string>;
  sideEffects: unknown;
};
const subpaths = Object.entries(manifest.exports).filter(
  (entry): entry is [string, Conditions] => typeof entry[1] !== 'string',
);
/** `./dist/doors/x.js` is built from `src/doors/x.ts`. */
const sourceOf = (dist: string): string =>
  join(repoRoot, dist.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'));

const bundle = async (entry: string, format: 'esm' | 'cjs') =>
  build({
    entryPoints: [entry],
    bundle: true,
    format,
    platform: 'node',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });

describe('package entry points', () => {
  it('exports the root, each door, each optional feature, /cdk and ./package.json, and says it has no side effects', () => {
    expect(Object.keys(manifest.exports)).toEqual([
      '.',
      './middy',
      './router',
      './wrap',
      './opentelemetry',
      './maintenance',
      './problem-details',
      './streaming',
      './cdk',
      './package.json',
    ]);
    expect(manifest.exports['./package.json']).toBe('./package.json');
    expect(manifest.sideEffects).toBe(false);
  });

  it.each(subpaths)('%s: types, import and default name one built file of a source', (_, c) => {
    expect(Object.keys(c)).toEqual(['types', 'import', 'default']);
    expect(c.import).toBe(c.default);
    expect(c.types).toBe(c.import.replace(/\.js$/, '.d.ts'));
    expect(existsSync(sourceOf(c.import))).toBe(true);
  });

  it.each(subpaths)('%s: no top-level await anywhere in its graph (require(esm))', async (_, c) => {
    // esbuild refuses top-level await in CommonJS output, as Node's require(esm) does.
    await expect(bundle(sourceOf(c.import), 'cjs')).resolves.toBeDefined();
  });

  it('importing the root never loads aws-cdk-lib or constructs', async () => {
    const { metafile } = await bundle(join(repoRoot, 'src', 'index.ts'), 'esm');
    const external = Object.values((metafile as Metafile).inputs)
      .flatMap((input) => input.imports)
      .filter((imported) => imported.external)
      .map((imported) => imported.path);
    expect(external).toContain('@aws-lambda-powertools/logger');
    expect(external.filter((path) => /^(aws-cdk-lib|constructs)(\/|$)/.test(path))).toEqual([]);
  });

  it('importing isTraceId alone from the root bundles under 1 KiB (esbuild, minified)', async () => {
    const result = await build({
      stdin: {
        contents:
          "import { isTraceId } from 'lambda-error-normalizer'; export const f = isTraceId;",
        resolveDir: repoRoot,
        loader: 'ts',
      },
      alias: { 'lambda-error-normalizer': './src/index.ts' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'node',
      packages: 'external',
      write: false,
    });
    const bytes = result.outputFiles[0]?.contents.length ?? Number.POSITIVE_INFINITY;
    expect(bytes).toBeLessThan(1024);
  });
});
