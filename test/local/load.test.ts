/**
 * The load harness of `npm run load` (bench/load-run.ts and the load-*.ts files it runs), tested on a small bound: the same code
 * path (demo server as a child process, warm-up, autocannon mix with /slow alongside, log file
 * and memory checks, server stopped), then its checks fed answers and log lines that break the
 * contract, so that a run passing them means something.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type Answer, checkAnswer } from '../../bench/load-contract.js';
import type { LoadFigures } from '../../bench/load-figures.js';
import { checkLogLines, type TraceLines } from '../../bench/load-logs.js';
import { MIX } from '../../bench/load-options.js';
import { runLoad } from '../../bench/load-run.js';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let serverPid: number | undefined;

afterAll(() => {
  // runLoad stops the server itself; this only matters if the run threw half-way.
  if (serverPid !== undefined && alive(serverPid)) process.kill(serverPid, 'SIGKILL');
});

describe('npm run load, small bound', () => {
  let figures: LoadFigures;

  it('runs the mixed load against the demo and passes every check', async () => {
    figures = await runLoad({
      requests: 1_500,
      connections: 20,
      warmup: 200,
      slow: 4,
      timeLimitSec: 90,
      onServerStart: (pid) => {
        serverPid = pid;
      },
    });
    const failed = figures.checks.filter((check) => !check.pass);
    expect(failed, JSON.stringify(failed, null, 2)).toEqual([]);
    expect(figures.ok).toBe(true);
    expect(figures.checks.length).toBeGreaterThanOrEqual(9);
  }, 120_000);

  it('counts what it sent and answered, per route', () => {
    expect(figures.load).toMatchObject({ sent: 1_500, answered: 1_500, recorded: 1_500 });
    expect(figures.load.reqPerSec).toBeGreaterThan(0);
    expect(figures.load.latencyMs.p99).toBeGreaterThanOrEqual(figures.load.latencyMs.p50);
    expect(figures.slow).toEqual({ sent: 4, answered: 4 });
    // 20 connections x 75 requests, each connection cycling the 10-entry mix from the start.
    const perCycle = (path: string) => MIX.filter((entry) => entry === path).length;
    for (const path of new Set(MIX)) {
      const expected = 20 * (7 * perCycle(path) + MIX.slice(0, 5).filter((e) => e === path).length);
      expect(figures.routes[path]?.answered, path).toBe(expected);
      expect(figures.routes[path]?.offContract, path).toBe(0);
    }
    expect(figures.routes['/slow']).toMatchObject({ answered: 4, statuses: { '504': 4 } });
    expect(figures.routes['/slow']?.latencyMs.p50).toBeGreaterThan(2_000);
  });

  it('matched the log file: one ERROR per 5xx, one WARN per 4xx, unique trace ids', () => {
    const { logs, traceIds, contract } = figures;
    expect(contract.checked).toBe(1_500 + 200 + 4);
    expect(logs.errorLines).toBe(logs.responses5xx);
    expect(logs.warnLines).toBe(logs.responses4xx);
    expect(logs.accessLines).toBe(contract.checked);
    expect(logs.responses5xx + logs.responses4xx + logs.responses2xx).toBe(contract.checked);
    expect(logs.mismatched).toBe(0);
    expect(traceIds).toMatchObject({ responses: contract.checked, distinct: contract.checked });
  });

  it('read the memory of the server and stopped it', () => {
    expect(figures.memory.rssBeforeMiB).toBeGreaterThan(0);
    expect(figures.memory.heapAfterGc).toBe(true);
    expect(figures.server.exit).toBe('exit 0');
    expect(alive(figures.server.pid)).toBe(false);
    expect(figures.files.kept).toBe(false);
  });
});

describe('the checks catch what is off the contract', () => {
  const trace = '1-6b081c33-a09c3c4d450391096cbe500a';
  const requestId = 'cdd3997a-664b-4272-a239-39c64e027520';
  const body = {
    error: 'internal_server_error',
    message: 'An internal error occurred.',
    traceId: trace,
    requestId,
  };
  const headers = {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    'X-Trace-Id': trace,
    'X-Request-Id': requestId,
    'X-Amzn-Trace-Id': `Root=${trace}`,
  };

  it('accepts a good answer', () => {
    expect(checkAnswer('/boom', 500, JSON.stringify(body), headers).problems).toEqual([]);
    expect(
      checkAnswer('/ok', 200, '{"ok":true}', { 'X-Amzn-Trace-Id': `Root=${trace}` }).problems,
    ).toEqual([]);
  });

  it.each([
    ['a fifth key', 500, { ...body, stack: 'Error' }, headers],
    ['a missing key', 500, { error: body.error, message: body.message, traceId: trace }, headers],
    ['the wrong status', 502, body, headers],
    ['the wrong code', 500, { ...body, error: 'bad_gateway' }, headers],
    ['a code not in snake_case', 500, { ...body, error: 'InternalServerError' }, headers],
    ['a malformed trace id', 500, { ...body, traceId: '1-abc' }, headers],
    ['another request’s trace id', 500, { ...body, traceId: trace.replace('a0', 'b0') }, headers],
    ['X-Trace-Id differing from the body', 500, body, { ...headers, 'X-Trace-Id': 'x' }],
    ['no Cache-Control', 500, body, { ...headers, 'Cache-Control': 'max-age=60' }],
    ['a requestId that is no UUID', 500, { ...body, requestId: 'abc' }, headers],
    ['a leaked secret', 500, { ...body, message: 's3cr3t-pa55' }, headers],
  ])('flags %s', (_what, status, answer, answerHeaders) => {
    const { problems } = checkAnswer('/boom', status, JSON.stringify(answer), answerHeaders);
    expect(problems.length).toBeGreaterThan(0);
  });

  const answer: Answer = {
    phase: 'load',
    path: '/boom',
    status: 500,
    latencyMs: 1,
    traceId: trace,
    requestId,
    code: 'internal_server_error',
    problems: [],
  };
  const lines: TraceLines = {
    error: 1,
    warn: 0,
    access: 1,
    accessStatus: 500,
    integrationRequestId: requestId,
    report: { status: 500, code: 'internal_server_error', requestId, traceId: trace },
  };

  it('accepts one ERROR line and one access line for a 5xx', () => {
    expect(checkLogLines(answer, lines)).toEqual([]);
  });

  it.each([
    ['no ERROR line', answer, { ...lines, error: 0 }],
    ['two ERROR lines', answer, { ...lines, error: 2 }],
    ['a WARN line for a 5xx', answer, { ...lines, error: 0, warn: 1 }],
    ['an ERROR line for a 4xx', { ...answer, status: 404 }, lines],
    ['an ERROR line for a 2xx', { ...answer, status: 200 }, lines],
    ['no access line', answer, { ...lines, access: 0 }],
    [
      'a report with another status',
      answer,
      { ...lines, report: { ...lines.report, status: 502 } },
    ],
    ['no lines at all', answer, undefined],
  ])('flags %s', (_what, own, tally) => {
    expect(checkLogLines(own as Answer, tally as TraceLines | undefined).length).toBeGreaterThan(0);
  });
});
