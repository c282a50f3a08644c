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
import { jsonLine, oneLine, safeText } from '../../src/cli/escape.js';
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
