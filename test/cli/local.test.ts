/** cli/local.ts: the local log file read line by line, whatever a line holds. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readJsonLines } from '../../src/cli/local.js';

const dir = mkdtempSync(join(tmpdir(), 'len-local-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const linesOf = async (text: string) => {
  const file = join(dir, `f${Math.random()}.jsonl`);
  writeFileSync(file, text);
  const out: unknown[] = [];
  for await (const { line } of readJsonLines(file)) out.push(line);
  return out;
};

describe('readJsonLines', () => {
  it('keeps a line whole that holds U+2028 or U+2029 raw, as JSON.stringify writes them', async () => {
    // Node 24's readline ends a line there: the line would be cut in two and lost.
    const lines = [{ m: 'one\u2028two' }, { m: 'three\u2029four' }, { m: 'plain' }];
    expect(await linesOf(`${lines.map((line) => JSON.stringify(line)).join('\n')}\n`)).toEqual(
      lines,
    );
  });

  it('reads CRLF endings, a last line without one, and a line longer than a chunk', async () => {
    const long = { m: 'x'.repeat(200_000) };
    const text = `{"a":1}\r\n${JSON.stringify(long)}\n\nnot json\n{"b":2}`;
    expect(await linesOf(text)).toEqual([{ a: 1 }, long, { b: 2 }]);
  });
});
