/** The Markdown pages a user or contributor reads, and what the docs tests take from them. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/lambda.js';

/** README.md, CONTRIBUTING.md, bench/README.md and every page of docs/, relative to the root. */
export const pages = (): string[] => [
  'README.md',
  'CONTRIBUTING.md',
  'bench/README.md',
  ...readdirSync(join(repoRoot, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
];

export const read = (page: string): string => readFileSync(join(repoRoot, page), 'utf8');

/** A fenced code block: its language, text, line and the fragment reason just above it. */
export interface Block {
  lang: string;
  code: string;
  line: number;
  fragment: string | undefined;
}

export const blocks = (text: string): Block[] => {
  const found: Block[] = [];
  const lines = text.split('\n');
  for (let at = 0; at < lines.length; at += 1) {
    const open = /^```(\w*)\s*$/.exec(lines[at] ?? '');
    if (!open) continue;
    const start = at;
    at += 1;
    while (at < lines.length && lines[at] !== '```') at += 1;
    const above = /^<!-- fragment: (.+) -->$/.exec(lines[start - 1] ?? '');
    found.push({
      lang: open[1] ?? '',
      code: lines.slice(start + 1, at).join('\n'),
      line: start + 1,
      fragment: above?.[1],
    });
  }
  return found;
};

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
export const slug = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

/** The anchors a page offers (numbered as GitHub does when a heading repeats). */
export const anchors = (text: string): Set<string> => {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  const withoutCode = text.replace(/^```[\s\S]*?^```$/gm, '');
  for (const match of withoutCode.matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(match[1] ?? '');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
};
