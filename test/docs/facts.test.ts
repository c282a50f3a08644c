/**
 * The facts the README states, read from the code: the default rules (count and order), the
 * options table (every option of ErrorNormalizerOptions, each with its TSDoc `@default`), the
 * demo routes' statuses, the quick start's two commands, and the README's length.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routes } from '../../infra/handlers/routes.js';
import { defaultRules } from '../../src/index.js';
import { repoRoot } from '../support/lambda.js';
import { read } from './pages.js';

const readme = read('README.md');

/** `option -> @default text` from the TSDoc of src/core/options.ts. */
const documentedOptions = (): Map<string, string> => {
  const source = readFileSync(join(repoRoot, 'src', 'core', 'options.ts'), 'utf8');
  const found = new Map<string, string>();
  for (const match of source.matchAll(/\/\*\*([\s\S]*?)\*\/\s*\n\s*(\w+)\?:/g)) {
    const doc = match[1] ?? '';
    found.set(match[2] ?? '', /@default (.+)/.exec(doc)?.[1]?.trim() ?? '(no @default)');
  }
  return found;
};

/** `option -> default cell` from the README's options table. */
const tableOptions = (): Map<string, string> => {
  const section = readme.slice(readme.indexOf('## Options'), readme.indexOf('## Supported'));
  return new Map(
    [...section.matchAll(/^\| `(\w+)` \| (.+?) \|/gm)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );
};

describe('facts in the README', () => {
  it('names the default rules: how many, which, in order', () => {
    const names = defaultRules.map((rule) => rule.name);
    const stated = /`defaultRules` holds (\d+) rules, each exported: ((?:`\w+`,?\s*)+)/.exec(
      readme,
    );
    expect(Number(stated?.[1])).toBe(defaultRules.length);
    expect([...(stated?.[2] ?? '').matchAll(/`(\w+)`/g)].map((m) => m[1])).toEqual(names);
  });

  it('lists every option once, with the default its TSDoc gives', () => {
    const documented = documentedOptions();
    expect(documented.size).toBeGreaterThanOrEqual(9);
    expect(tableOptions()).toEqual(documented);
  });

  it('gives the demo routes the statuses they answer', () => {
    const guide = readme.slice(readme.indexOf('### 3. See the answer'), readme.indexOf('### 4.'));
    const stated = [...guide.matchAll(/`(\/\w+)` \((\d{3})\)/g)];
    expect(stated.length).toBeGreaterThanOrEqual(3);
    for (const [, path, status] of stated) {
      expect(routes.find((route) => route.path === path)?.status).toBe(Number(status));
    }
  });

  it('holds the two quick-start commands and stays short', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toMatch(/^npm test$/m);
    expect(readme.split('\n').length).toBeLessThanOrEqual(300);
  });
});
