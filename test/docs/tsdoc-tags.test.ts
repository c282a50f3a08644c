/**
 * TSDoc that a user can act on: every export of every package entry carries an `@example`;
 * every exported function says each `@param` by name and its `@returns`; every optional
 * property of an options or props interface says its `@default`. TypeDoc's own validation
 * (api-reference.test.ts) checks that a comment exists, not what it holds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/lambda.js';

const typedoc = JSON.parse(readFileSync(join(repoRoot, 'typedoc.json'), 'utf8')) as {
  entryPoints: string[];
};
const entries = typedoc.entryPoints.map((entry) => join(repoRoot, entry));
const program = ts.createProgram(entries, {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  strict: true,
  noEmit: true,
});
const checker = program.getTypeChecker();

interface Exported {
  name: string;
  where: string;
  declaration: ts.Declaration;
}

/** Each exported declaration once, wherever it is re-exported from. */
const exported = (): Exported[] => {
  const found = new Map<ts.Declaration, Exported>();
  for (const entry of entries) {
    const source = program.getSourceFile(entry);
    const module = source && checker.getSymbolAtLocation(source);
    if (module === undefined) throw new Error(`no module for ${entry}`);
    for (const symbol of checker.getExportsOfModule(module)) {
      const target =
        symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const declaration = target.declarations?.[0];
      if (declaration === undefined || found.has(declaration)) continue;
      const where = declaration.getSourceFile().fileName.replace(`${repoRoot}/`, '');
      found.set(declaration, { name: target.name, where, declaration });
    }
  }
  return [...found.values()];
};

const tagsOf = (node: ts.Node): readonly ts.JSDocTag[] => ts.getJSDocTags(node);
const has = (node: ts.Node, tag: string): boolean =>
  tagsOf(node).some((found) => found.tagName.text === tag);

/** The function an export is: a declaration, or a `const` bound to an arrow or function. */
const functionOf = (declaration: ts.Declaration): ts.SignatureDeclaration | undefined => {
  if (ts.isFunctionDeclaration(declaration)) return declaration;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined) {
    const value = declaration.initializer;
    if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return value;
  }
  return undefined;
};

/** The JSDoc host of a `const`: its statement, where the comment is written. */
const docHost = (declaration: ts.Declaration): ts.Node =>
  ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;

const all = exported();

describe('TSDoc tags of the public surface', () => {
  it('reads every entry point', () => {
    expect(all.length).toBeGreaterThan(50);
  });

  it('gives every export an @example', () => {
    const missing = all
      .filter(
        ({ declaration }) => !has(docHost(declaration), 'example') && !has(declaration, 'example'),
      )
      .map(({ name, where }) => `${name} (${where})`);
    expect(missing.join('\n')).toBe('');
  });

  it('names every parameter of an exported function with @param, and says what it @returns', () => {
    const missing: string[] = [];
    for (const { name, where, declaration } of all) {
      const fn = functionOf(declaration);
      if (fn === undefined) continue;
      const params = new Set(
        ts
          .getJSDocTags(fn)
          .concat(tagsOf(docHost(declaration)))
          .filter(ts.isJSDocParameterTag)
          .map((tag) => tag.name.getText()),
      );
      for (const param of fn.parameters) {
        const paramName = param.name.getText();
        if (ts.isIdentifier(param.name) && !params.has(paramName)) {
          missing.push(`${name}: @param ${paramName} (${where})`);
        }
      }
      if (!has(docHost(declaration), 'returns') && !has(fn, 'returns')) {
        missing.push(`${name}: @returns (${where})`);
      }
    }
    expect(missing.join('\n')).toBe('');
  });

  it('says the @default of every optional property of an options or props interface', () => {
    const missing: string[] = [];
    for (const { name, where, declaration } of all) {
      if (!ts.isInterfaceDeclaration(declaration) || !/(Options|Props)$/.test(name)) continue;
      const symbol = checker.getSymbolAtLocation(declaration.name);
      if (symbol === undefined) throw new Error(`no symbol for ${name}`);
      const type = checker.getDeclaredTypeOfSymbol(symbol);
      for (const property of type.getProperties()) {
        const node = property.declarations?.[0];
        if (node === undefined || !(property.flags & ts.SymbolFlags.Optional)) continue;
        // Inherited from a platform type (ErrorOptions.cause): documented where it is declared.
        if (!node.getSourceFile().fileName.startsWith(join(repoRoot, 'src'))) continue;
        if (!has(node, 'default')) missing.push(`${name}.${property.name} (${where})`);
      }
    }
    expect(missing.join('\n')).toBe('');
  });
});
