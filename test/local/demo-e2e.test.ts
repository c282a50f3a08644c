/**
 * The local demo, end to end: `npm run demo` as a child process on a free port, every route
 * requested with a real fetch, then `npm run logs` finding one request's lines in the log file.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../infra/handlers/routes.js';
import { isTraceId } from '../../src/core/trace-id.js';

const dir = mkdtempSync(join(tmpdir(), 'len-demo-'));
const logFile = join(dir, 'logs.jsonl');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let server: ChildProcess;
let base: string;
let output = '';

interface Answer {
  path: string;
  status: number;
  headers: Headers;
  text: string;
  body: Record<string, unknown> | undefined;
}

const get = async (path: string): Promise<Answer> => {
  const response = await fetch(`${base}${path}`);
  const text = await response.text();
  let body: Record<string, unknown> | undefined;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = undefined;
  }
  return { path, status: response.status, headers: response.headers, text, body };
};

/** `npm run --silent <script> -- …` (without --silent, npm prints its own banner on stdout). */
const npmRun = (script: 'logs' | 'errors', args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', script, '--', ...args],
      // The demo's log file, as `npm run demo` and the CLI both read DEMO_LOG_FILE.
      {
        cwd: process.cwd(),
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, DEMO_LOG_FILE: logFile },
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });

const logs = (args: string[]) => npmRun('logs', args);

const fileLines = () =>
  readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** Resolves when every process of the tree has let go of the stdio pipes, i.e. exited. */
const closed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('close', () => resolve());
  });

beforeAll(async () => {
  server = spawn('npm', ['run', 'demo'], {
    cwd: process.cwd(),
    env: { ...process.env, PORT: '0', PAGE_PORT: '0', DEMO_LOG_FILE: logFile },
    // Its own process group: npm runs tsx, which runs node; the group is stopped as a whole.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No banner in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(output);
      if (match?.[1] !== undefined && match[2] !== '0') {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    server.stdout?.on('data', onData);
    server.stderr?.on('data', onData);
    server.once('exit', (code) => reject(new Error(`demo exited (${code}):\n${output}`)));
  });
});

afterAll(async () => {
  if (server?.pid !== undefined) {
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run demo', () => {
  let answers: Answer[];

  it('prints a banner with every route and the logs walkthrough', () => {
    for (const route of routes) expect(output).toContain(`${base}${route.path}`);
    expect(output).toContain(`curl -i ${base}/boom`);
    expect(output).toContain('npm run logs -- <traceId>');
    expect(output).toContain(logFile);
  });

  it('answers every route with its status and, for errors, the contract', async () => {
    answers = await Promise.all(routes.map((route) => get(route.path)));
    for (const [index, route] of routes.entries()) {
      const answer = answers[index] as Answer;
      expect(answer.status, route.path).toBe(route.status);
      if (route.status < 400) continue;
      expect(answer.headers.get('content-type')).toBe('application/json');
      expect(Object.keys(answer.body ?? {}).sort()).toEqual([
        'error',
        'message',
        'requestId',
        'traceId',
      ]);
      const { error, message, traceId, requestId } = answer.body ?? {};
      expect(typeof error).toBe('string');
      expect(typeof message).toBe('string');
      expect(isTraceId(traceId), route.path).toBe(true);
      expect(answer.headers.get('x-trace-id')).toBe(traceId);
      expect(requestId).toMatch(UUID);
      expect(answer.headers.get('x-request-id')).toBe(requestId);
    }
    const byPath = new Map(answers.map((answer) => [answer.path, answer]));
    expect(byPath.get('/ok')?.body).toEqual({ ok: true });
    expect(byPath.get('/boom')?.body).toMatchObject({
      error: 'internal_server_error',
      message: 'An internal error occurred.',
    });
    expect(byPath.get('/boom')?.text).not.toContain('s3cr3t');
    expect(byPath.get('/missing')?.body?.message).toBe('No widget with id 42');
    expect(byPath.get('/throttled')?.headers.get('retry-after')).toBe('1');
    expect(byPath.get('/slow')?.body?.error).toBe('gateway_timeout');
    // Every request has its own trace and request id.
    const errors = answers.filter((answer) => answer.status >= 400);
    expect(new Set(errors.map((answer) => answer.body?.traceId)).size).toBe(errors.length);
    expect(new Set(errors.map((answer) => answer.body?.requestId)).size).toBe(errors.length);
  });

  it("answers an unknown path with API Gateway's 404, in the contract shape", async () => {
    const answer = await get('/no-such-route');
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({
      error: 'not_found',
      message: 'No route matches this method and path.',
    });
    expect(isTraceId(answer.body?.traceId)).toBe(true);
    expect(answer.body?.requestId).toMatch(UUID);
    expect(answer.headers.get('x-amzn-requestid')).toBe(answer.body?.requestId);
  });

  it('keeps concurrent requests apart: each log line carries its own request ids', async () => {
    const paths = Array.from({ length: 60 }, (_, i) => ['/boom', '/missing', '/upstream'][i % 3]);
    const burst = await Promise.all(paths.map((path) => get(path as string)));
    const requestOf = new Map(
      burst.map((answer) => [answer.body?.traceId as string, answer.body?.requestId as string]),
    );
    expect(requestOf.size).toBe(60);
    const lines = fileLines();
    for (const [traceId, requestId] of requestOf) {
      const own = lines.filter((line) => line.xray_trace_id === traceId);
      // The route's own INFO line and the middleware's one report.
      expect(own, traceId).toHaveLength(2);
      for (const line of own) expect(line.function_request_id).toBe(requestId);
      const report = own.find((line) => line.level !== 'INFO');
      expect(report).toMatchObject({ traceId, requestId });
      const access = lines.filter((line) => line.type === 'access' && line.traceId === traceId);
      expect(access).toHaveLength(1);
      expect(access[0]?.integrationRequestId).toBe(requestId);
    }
  });

  it('npm run logs finds the /boom request: its ERROR line with the stack, and nothing else', async () => {
    const boom = answers.find((answer) => answer.path === '/boom') as Answer;
    const traceId = boom.body?.traceId as string;
    const result = await logs([traceId, '--json', '--file', logFile]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    const requestId = boom.body?.requestId;
    // Each line carries the trace id, or (the handler's console.log, in Lambda's JSON log
    // format) only the request id.
    for (const line of lines) {
      if (line.type !== 'access' && line.xray_trace_id === undefined) {
        expect(line).toEqual({
          timestamp: expect.any(String),
          level: 'INFO',
          requestId,
          message: 'Querying the reports table',
        });
      } else {
        expect(line.xray_trace_id ?? line.traceId).toBe(traceId);
      }
    }
    expect(lines.map((line) => line.message)).toEqual(
      expect.arrayContaining(['Loading the report', 'Querying the reports table']),
    );
    const error = lines.find((line) => line.level === 'ERROR');
    expect(error).toMatchObject({ status: 500, requestId: boom.body?.requestId });
    const stack = (error?.error as { stack?: string } | undefined)?.stack ?? '';
    expect(stack).toContain('Error:');
    expect(stack).toContain('boom.ts');
    expect(lines.some((line) => line.type === 'access' && line.status === 500)).toBe(true);
    // The middleware redacted the password before logging.
    expect(result.stdout).not.toContain('s3cr3t-pa55');
    expect(readFileSync(logFile, 'utf8')).not.toContain('s3cr3t-pa55');
  });

  it('npm run logs prints the stack readably without --json', async () => {
    const upstream = answers.find((answer) => answer.path === '/upstream') as Answer;
    const result = await logs([upstream.body?.traceId as string, '--file', logFile]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/ ERROR Unhandled error answered as 502 bad_gateway\n/);
    expect(result.stdout).toMatch(/\n {4}Error: Inventory service call failed\n {8}at /);
    expect(result.stdout).toContain('Caused by:\n      Error: connect ECONNREFUSED');
  });

  it('npm run logs exits non-zero for an unknown or a malformed trace id', async () => {
    const unknown = await logs(['1-00000000-000000000000000000000000', '--file', logFile]);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('no log line');
    const malformed = await logs(['1-abc" | fields @message', '--file', logFile]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('Not an X-Ray trace id');
  });

  it('logs cold_start: true on the first invocation of each route only, as Lambda does', () => {
    const lines = fileLines().filter((line) => typeof line.function_name === 'string');
    for (const route of routes) {
      const own = lines.filter(
        (line) => line.function_name === `error-normalizer-demo${route.path.replace('/', '-')}`,
      );
      expect(own.length, route.path).toBeGreaterThan(0);
      const firstRequest = own[0]?.function_request_id;
      for (const line of own) {
        expect(line.cold_start, route.path).toBe(line.function_request_id === firstRequest);
      }
    }
  });

  it('npm run errors -- --json lists the latest answered errors with their trace ids, newest first', async () => {
    const made: Answer[] = [];
    for (const path of ['/boom', '/boom', '/missing']) made.push(await get(path));
    const result = await npmRun('errors', ['--json']);
    expect(result.code, result.stderr).toBe(0);
    const errors = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(errors.slice(0, 3)).toEqual(
      made.reverse().map((answer) => ({
        time: expect.any(String),
        status: answer.status,
        code: answer.body?.error,
        level: answer.status >= 500 ? 'ERROR' : 'WARN',
        message: `Unhandled error answered as ${answer.status} ${answer.body?.error}`,
        function: `error-normalizer-demo${answer.path.replace('/', '-')}`,
        traceId: answer.body?.traceId,
        requestId: answer.body?.requestId,
        kind: 'uncaught_error',
        fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
      })),
    );
    const human = await npmRun('errors', []);
    expect(human.stdout).toContain(`Every line of one request: lambda-error-normalizer logs `);
  });

  it('npm run errors -- --group groups the demo log by fingerprint; a group links to its latest request', async () => {
    const boom: Answer[] = [];
    for (let i = 0; i < 3; i += 1) boom.push(await get('/boom'));
    await get('/missing');
    const result = await npmRun('errors', ['--group', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const groups = JSON.parse(result.stdout) as Record<string, unknown>[];
    const fingerprints = groups.map((group) => group.fingerprint);
    expect(new Set(fingerprints).size).toBe(groups.length);
    const boomGroup = groups.find((group) => group.traceId === boom.at(-1)?.body?.traceId);
    // Every /boom since the demo started is one failure: one group, counted together.
    const boomLines = fileLines().filter(
      (line) => line.status === 500 && line.function_name === 'error-normalizer-demo-boom',
    );
    expect(boomGroup).toMatchObject({
      status: 500,
      code: 'internal_server_error',
      count: boomLines.length,
    });
    expect(new Set(boomLines.map((line) => line.fingerprint))).toEqual(
      new Set([boomGroup?.fingerprint]),
    );
    const missing = groups.find((group) => group.status === 404);
    expect(missing?.fingerprint).not.toBe(boomGroup?.fingerprint);
    // The group's sample trace id is the one `logs` takes.
    const request = await logs([String(boomGroup?.traceId), '--json']);
    expect(request.code, request.stderr).toBe(0);
    expect(request.stdout).toContain(String(boomGroup?.fingerprint));
  });

  it('shuts down cleanly on SIGTERM', async () => {
    const done = closed(server);
    // The whole group, as a terminal's Ctrl+C would: npm, tsx and the server.
    process.kill(-(server.pid as number), 'SIGTERM');
    await done;
    expect(output).toContain('[demo] SIGTERM: shutting down');
    await expect(fetch(`${base}/ok`)).rejects.toThrow();
  });
});
