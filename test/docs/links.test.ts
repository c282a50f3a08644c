/**
 * Every relative link of the README, CONTRIBUTING, bench/README and docs/ resolves to a file
 * of the repository, and every `#anchor` to a heading of its target page.
 */
import { existsSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/lambda.js';
import { anchors, pages, read } from './pages.js';

/** The Markdown links of a page, code blocks and inline code aside. */
const links = (text: string): string[] =>
  [
    ...text
      .replace(/^```[\s\S]*?^```$/gm, '')
      .replace(/`[^`\n]*`/g, '')
      .matchAll(/\]\(([^)\s]+)\)/g),
  ].map((match) => match[1] ?? '');

const broken = (page: string): string[] =>
  links(read(page))
    .filter((link) => !/^[a-z]+:/i.test(link))
    .flatMap((link) => {
      const [path = '', anchor] = link.split('#');
      const target = path === '' ? page : normalize(join(dirname(page), path));
      if (!existsSync(join(repoRoot, target))) return [`${link} (no ${target})`];
      if (anchor === undefined || !target.endsWith('.md')) return [];
      return anchors(read(target)).has(anchor) ? [] : [`${link} (no heading #${anchor})`];
    });

describe('links in the README and docs', () => {
  it.each(pages())('%s: every relative link and anchor resolves', (page) => {
    expect(broken(page)).toEqual([]);
  });

  it('the checker sees a broken file and a broken anchor', () => {
    expect(links('[a](nowhere.md) and [b](README.md#no-such-heading)')).toHaveLength(2);
    expect(anchors('# Hello, world!\n## Options\n## Options')).toEqual(
      new Set(['hello-world', 'options', 'options-1']),
    );
  });
});
