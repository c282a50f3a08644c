/**
 * Every TypeScript block of the README and the docs compiles: strict, NodeNext, against the
 * source through tsconfig.json's `paths` (the package's name and subpaths, as users import
 * them). Each block is its own module. A block marked `<!-- fragment: reason -->` just above
 * its fence is not compiled; those stay few, each with its reason.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/lambda.js';
import { blocks, pages, read } from './pages.js';

const typescript = pages().flatMap((page) =>
  blocks(read(page))
    .filter((block) => block.lang === 'ts' || block.lang === 'typescript')
    .map((block) => ({ page, ...block })),
);
const virtualDir = join(repoRoot, 'test', 'docs', '__blocks__');
const fileOf = (page: string, line: number) =>
  join(virtualDir, `${page.replace(/[/.]/g, '_')}_${line}.ts`);

const compile = (files: Map<string, string>): string[] => {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(repoRoot, 'tsconfig.json'),
    { noEmit: true },
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (config === undefined) throw new Error('tsconfig.json does not parse');
  const host = ts.createCompilerHost(config.options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => files.has(name) || fileExists(name);
  host.readFile = (name) => files.get(name) ?? readFile(name);
  host.getSourceFile = (name, language, ...rest) => {
    const text = files.get(name);
    return text === undefined
      ? getSourceFile(name, language, ...rest)
      : ts.createSourceFile(name, text, language, true);
  };
  const program = ts.createProgram([...files.keys()], config.options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file !== undefined && files.has(d.file.fileName))
    .map((d) => {
      const where = d.file?.getLineAndCharacterOfPosition(d.start ?? 0);
      const name = d.file?.fileName.slice(virtualDir.length + 1);
      return `${name}:${(where?.line ?? 0) + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
};

describe('TypeScript in the README and docs', () => {
  it('there is TypeScript to check, and few fragments, each with a reason', () => {
    expect(typescript.length).toBeGreaterThanOrEqual(5);
    const fragments = typescript.filter((block) => block.fragment !== undefined);
    expect(fragments.length).toBeLessThanOrEqual(Math.ceil(typescript.length / 4));
    for (const block of fragments) expect(block.fragment?.length).toBeGreaterThan(10);
  });

  it('every block that is not a fragment compiles (strict, against the source)', () => {
    const files = new Map(
      typescript
        .filter((block) => block.fragment === undefined)
        // `export {}` makes each block a module of its own, as a file of an app is.
        .map((block) => [fileOf(block.page, block.line), `${block.code}\nexport {};\n`]),
    );
    expect(compile(files)).toEqual([]);
  }, 60_000);

  it('a block that does not compile is caught (the check can fail)', () => {
    const files = new Map([
      [
        fileOf('probe', 1),
        "import { isTraceId } from 'lambda-error-normalizer';\nconst yes: number = isTraceId('1-5759e988-bd862e3fe1be46a994272793');\n",
      ],
    ]);
    expect(compile(files).join('\n')).toMatch(/not assignable/);
  }, 60_000);
});
