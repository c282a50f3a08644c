/** Runs an example in a child process (test/examples/invoke.ts) and reads what it did. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { newTrace, repoRoot } from '../support/lambda.js';

export const examplesDir = join(repoRoot, 'examples');
/** Every example file: each is typechecked, run, and held to the contract. */
export const exampleFiles = (): string[] =>
  readdirSync(examplesDir)
    .filter((name) => name.endsWith('.ts'))
    .sort();

const MARK = '@@example ';

export interface ExampleRun {
  /** What the handler returned (an API Gateway proxy result for the examples here). */
  result: { statusCode?: unknown; headers?: Record<string, unknown>; body?: unknown };
  requestId: string;
  /** The X-Ray root id of `_X_AMZN_TRACE_ID` during the invocation. */
  traceRoot: string;
  /** JSON log lines, from stdout and stderr. */
  logs: Array<Record<string, unknown>>;
  /** Everything the process wrote. */
  output: string;
}

const parseLines = (text: string): Array<Record<string, unknown>> =>
  text.split('\n').flatMap((line) => {
    try {
      const json: unknown = JSON.parse(line);
      return typeof json === 'object' && json !== null ? [json as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });

/** Invokes `examples/<name>` with `event`, `_X_AMZN_TRACE_ID` set as Lambda sets it. */
export const runExample = async (
  name: string,
  event: unknown,
  env: Record<string, string> = {},
): Promise<ExampleRun> => {
  const trace = newTrace();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join('test', 'examples', 'invoke.ts'), join('examples', name)],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env, _X_AMZN_TRACE_ID: trace.header },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  child.stdin.end(JSON.stringify(event));
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`${name} exited with ${code}:\n${stdout}\n${stderr}`);
  const marked = stdout
    .split('\n')
    .filter((line) => line.startsWith(MARK))
    .map((line) => JSON.parse(line.slice(MARK.length)) as Record<string, unknown>);
  const requestId = marked.find((m) => 'requestId' in m)?.requestId as string;
  const result = marked.find((m) => 'result' in m)?.result as ExampleRun['result'];
  const unmarked = (text: string) =>
    text
      .split('\n')
      .filter((line) => !line.startsWith(MARK))
      .join('\n');
  return {
    result,
    requestId,
    traceRoot: trace.root,
    logs: [...parseLines(unmarked(stdout)), ...parseLines(stderr)],
    output: `${stdout}\n${stderr}`,
  };
};
