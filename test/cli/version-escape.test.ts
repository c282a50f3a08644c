/**
 * `--version` from package.json (from `src/` and from a `dist/`-like layout), and the escaping
 * of everything the CLI prints: names and messages can carry terminal escape sequences.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudWatchLogsClient,
  GetQueryResultsCommand,
  StartQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/cli.js';
import { cell, jsonLine, oneLine, safeText } from '../../src/cli/escape.js';
import { packageVersion } from '../../src/cli/version.js';
import { repoRoot } from '../support/lambda.js';
import { runCli } from '../support/logs-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'len-version-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  version: string;
};

describe('--version', () => {
  it.each([['--version'], ['-V'], ['errors', '--version']])(
    '%s prints the package version',
    async (...args) => {
      const result = await runCli(args, { env: {} });
      expect(result).toEqual({
        code: EXIT.found,
        stdout: `lambda-error-normalizer ${version}\n`,
        stderr: '',
      });
    },
  );

  it('finds package.json from a dist/cli module, and says unknown without one', () => {
    const pkg = join(dir, 'pkg');
    mkdirSync(join(pkg, 'dist', 'cli'), { recursive: true });
    writeFileSync(
      join(pkg, 'package.json'),
      JSON.stringify({ name: 'lambda-error-normalizer', version: '9.8.7' }),
    );
    expect(packageVersion(join(pkg, 'dist', 'cli', 'version.js'))).toBe('9.8.7');
    const other = join(dir, 'other', 'dist', 'cli');
    mkdirSync(other, { recursive: true });
    writeFileSync(
      join(dir, 'other', 'package.json'),
      JSON.stringify({ name: 'someone-else', version: '1.0.0' }),
    );
    expect(packageVersion(join(other, 'version.js'))).toBe('unknown');
  });
});

describe('escaping', () => {
  it('no control character survives safeText/oneLine, and jsonLine stays the same JSON (property)', () => {
    fc.assert(
      fc.property(fc.anything(), fc.string({ unit: 'binary' }), (value, text) => {
        // A tab moves the cursor only forward: harmless, kept. Every other control is escaped.
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the point of the check.
        expect(oneLine(text)).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the point of the check.
        expect(safeText(text)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
        const json = JSON.stringify(value);
        if (json === undefined) return;
        expect(jsonLine(value)).not.toMatch(/[\u007f-\u009f]/);
        expect(JSON.parse(jsonLine(value))).toEqual(JSON.parse(json));
      }),
    );
  });

  it('cell leaves no control character, tab, newline, line separator or bidi control (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(cell(text)).not.toMatch(
          // biome-ignore lint/suspicious/noControlCharactersInRegex: the point of the check.
          /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/,
        );
        expect(safeText(text)).not.toMatch(
          /[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/,
        );
      }),
    );
    expect(cell('a\nb\r\nc\td \u202egnp.exe  e')).toBe('a\\nb\\u000d\\nc\\td \\u202egnp.exe e');
  });

  it('a log group name with an escape sequence is printed escaped in the progress line', async () => {
    const logs = mockClient(CloudWatchLogsClient);
    logs.on(StartQueryCommand).resolves({ queryId: 'q' });
    logs.on(GetQueryResultsCommand).resolves({ status: 'Complete', results: [] });
    const result = await runCli(
      ['errors', '--log-group', 'evil\u001b]0;pwned\u0007', '--poll-interval', '0'],
      {
        env: {},
      },
    );
    expect(result.code).toBe(EXIT.notFound);
    expect(result.stderr).toContain('evil\\u001b]0;pwned\\u0007');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the point of the check.
    expect(result.stderr).not.toMatch(/[\u0007\u001b]/);
    logs.restore();
  });
});

describe('a logged value cannot forge a line of the text output', () => {
  const NOW = Date.parse('2024-05-24T11:00:00.000Z');
  const forged = (fields: Record<string, unknown>) =>
    JSON.stringify({
      level: 'ERROR',
      message: 'Unhandled error answered as 500 internal_server_error',
      timestamp: '2024-05-24T10:59:00.000Z',
      status: 500,
      code: 'internal_server_error',
      fingerprint: 'aaaaaaaaaaaaaaaa',
      ...fields,
    });
  const file = join(dir, 'forged.jsonl');
  writeFileSync(
    file,
    `${[
      // The QA report's line: a code that draws a row of its own under "By code:".
      forged({ code: 'internal_server_error\n  bad_gateway            9999' }),
      forged({
        code: 'not_found\tshifted',
        function_name: 'fn\nFAKE ROW',
        traceId: '1-6650e1f0-000000000000000000000001\nrm -rf /',
        fingerprint: 'bbbbbbbbbbbbbbbb',
        timestamp: '2024-05-24T10:58:00.000Z',
        error: { message: 'line one\nline two\u2028three' },
      }),
    ].join('\n')}\n`,
  );
  const cli = (args: string[]) => runCli([...args, '--file', file], { env: {}, now: () => NOW });

  it('errors: the "By code:" summary has one row per code, the table one row per error', async () => {
    const result = await cli(['errors']);
    expect(result.code).toBe(EXIT.found);
    const rows = result.stdout.split('\n');
    const summary = rows.slice(
      rows.indexOf('By code:') + 1,
      rows.indexOf('', rows.indexOf('By code:')),
    );
    expect(summary).toEqual([
      '  internal_server_error\\n bad_gateway 9999  1',
      '  not_found\\tshifted                        1',
    ]);
    // The heading, a blank line, the header and two rows, then a blank line.
    expect(rows.slice(2, 6).map((row) => row.slice(0, 24))).toEqual([
      'TIME                    ',
      '2024-05-24T10:59:00.000Z',
      '2024-05-24T10:58:00.000Z',
      '',
    ]);
    expect(result.stdout).toContain('fn\\nFAKE ROW');
    expect(result.stdout).not.toContain('\t');
    expect(rows.at(-2)).toBe(
      `Every line of one request: lambda-error-normalizer logs --file ${JSON.stringify(file)} 1-6650e1f0-000000000000000000000001\\nrm -rf /`,
    );
  });

  it('errors --group: one table row per group, every cell on it', async () => {
    const result = await cli(['errors', '--group']);
    expect(result.code).toBe(EXIT.found);
    const rows = result.stdout.split('\n');
    // Two heading lines, a blank line, the header, the two groups, a blank line.
    expect(rows[6]).toBe('');
    expect(rows[4]).toMatch(
      /^NEW +1 +aaaaaaaaaaaaaaaa .*internal_server_error\\n bad_gateway 9999/,
    );
    expect(rows[5]).toMatch(
      /^NEW +1 +bbbbbbbbbbbbbbbb .* not_found\\tshifted +1-6650e1f0-0+1\\nrm -rf \/ +line one\\nline two\\u2028three$/,
    );
    expect(result.stdout).not.toContain('\t');
    expect(result.stdout).not.toContain('\u2028');
  });
});
