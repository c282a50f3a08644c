/**
 * The house rules that a reader relies on: no source file over 300 lines, and no import
 * circle among the library's modules (type imports included: a circle of types is still two
 * modules that cannot be read apart).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/lambda.js';

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });

const localImports = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/\b(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)\.js'/g)].map(
    (match) => resolve(dirname(file), `${match[1]}.ts`),
  );

describe('house rules', () => {
  it.each(['src', 'infra', 'bench'])('no file in %s/ is over 300 lines', (folder) => {
    const long = sources(join(repoRoot, folder))
      .map((file) => [relative(repoRoot, file), readFileSync(file, 'utf8').split('\n').length - 1])
      .filter(([, lines]) => (lines as number) > 300);
    expect(long).toEqual([]);
  });

  it('src/ has no import circle', () => {
    const files = sources(join(repoRoot, 'src'));
    const graph = new Map(files.map((file) => [file, localImports(file)]));
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push(
          [...path.slice(path.indexOf(file)), file].map((f) => relative(repoRoot, f)).join(' -> '),
        );
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(circles).toEqual([]);
  });

  it('src/ keeps no module-level mutable state: no top-level let, only read-only tables', () => {
    // A value built once on first use goes through lazy() (core/memo.ts); state that changes
    // belongs to a core, a door or a command, so that two handlers in one process share none.
    const found = sources(join(repoRoot, 'src')).flatMap((file) =>
      [
        ...readFileSync(file, 'utf8').matchAll(
          /^(?:export )?(?:let|var) \w+|^(?:export )?const \w+ = new (?:Weak)?(?:Map|Set)\b/gm,
        ),
      ].map((match) => `${relative(repoRoot, file)}: ${match[0]}`),
    );
    expect(found).toEqual([]);
  });

  it('src/core/ loads nothing outside itself but Node built-ins (types excepted)', () => {
    const core = join(repoRoot, 'src', 'core');
    // A relative import is inside when it resolves under src/core (redact/ may use ../memo.js).
    const inside = (file: string, spec: string): boolean =>
      spec.startsWith('.') && !relative(core, resolve(dirname(file), spec)).startsWith('..');
    const outside = sources(core).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^import (?!type )[^;]*?from '([^']+)'/gm)]
        .map((match) => match[1] ?? '')
        .filter((spec) => !inside(file, spec) && !spec.startsWith('node:'))
        .map((spec) => `${relative(repoRoot, file)} imports ${spec}`),
    );
    expect(outside).toEqual([]);
  });
});
