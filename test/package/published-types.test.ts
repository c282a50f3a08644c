/**
 * The published `.d.ts` of the root and of the door entries name no package: no peer
 * (`@middy/core`, Powertools), no `@types/aws-lambda`, only the package's own files and Node's
 * built-ins. So an app without Middy or Tracer typechecks with `skipLibCheck: false` (the
 * package check's cjs-ts app does so against the tarball).
 */
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/lambda.js';

const declarations = new Map<string, string>();

beforeAll(() => {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(repoRoot, 'tsconfig.build.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (config === undefined) throw new Error('tsconfig.build.json does not parse');
  const outDir = join(repoRoot, 'dist');
  const options = { ...config.options, outDir, emitDeclarationOnly: true, declaration: true };
  const program = ts.createProgram(config.fileNames, options);
  // Written to memory only: dist/ on disk is left as it is.
  const emitted = program.emit(undefined, (file, text) => {
    if (file.endsWith('.d.ts')) declarations.set(resolve(file), text);
  });
  expect(emitted.diagnostics).toEqual([]);
});

/** Every module specifier a declaration file imports or references (TSDoc examples aside). */
const specifiers = (withDocs: string): string[] => {
  const text = withDocs.replace(/\/\*[\s\S]*?\*\//g, '');
  return [
    ...text.matchAll(/\bfrom\s+'([^']+)'/g),
    ...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
    ...text.matchAll(/\/\/\/\s*<reference\s+types="([^"]+)"/g),
  ].map((match) => match[1] ?? '');
};

/** The declaration files an entry reaches, following relative imports. */
const graphOf = (entry: string): Map<string, string[]> => {
  const graph = new Map<string, string[]>();
  const visit = (file: string): void => {
    if (graph.has(file)) return;
    const text = declarations.get(file);
    if (text === undefined) throw new Error(`no declaration emitted for ${file}`);
    const found = specifiers(text);
    graph.set(file, found);
    for (const spec of found.filter((s) => s.startsWith('.'))) {
      visit(resolve(dirname(file), spec.replace(/\.js$/, '.d.ts')));
    }
  };
  visit(join(repoRoot, 'dist', entry));
  return graph;
};

describe('published types', () => {
  it.each(['index.d.ts', 'middy.d.ts', 'router.d.ts', 'wrap.d.ts'])(
    '%s reaches no package but its own files and node: built-ins',
    (entry) => {
      const foreign = [...graphOf(entry)].flatMap(([file, found]) =>
        found
          .filter((spec) => !spec.startsWith('.') && !spec.startsWith('node:'))
          .map((spec) => `${file.slice(repoRoot.length + 1)} -> ${spec}`),
      );
      expect(foreign).toEqual([]);
    },
  );
});
