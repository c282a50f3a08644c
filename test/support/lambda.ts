/** What the Lambda runtime provides and tests need: fixtures, a context, trace headers, output. */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, vi } from 'vitest';
import { newTrace as newDemoTrace } from '../../infra/local/event.js';
import { type OutputLine, outputLine } from './output-line.js';
import { repoRoot } from './repo-root.js';

export { repoRoot };
/** The real AWS sample events of `test/fixtures/aws-events` (origin and license in test/fixtures/SOURCE.md). */
export const fixturesDir = resolve(repoRoot, 'test', 'fixtures', 'aws-events');

export const fixtureNames = (): string[] =>
  readdirSync(fixturesDir).filter((name) => name.endsWith('.json'));

/** A fixture as it is on disk, parsed anew for each call (tests may not share mutations). */
export const fixture = <T = Record<string, unknown>>(name: string): T =>
  JSON.parse(readFileSync(resolve(fixturesDir, name), 'utf8')) as T;

export const lambdaContext = (
  overrides: Partial<Context> & { remainingMs?: number } = {},
): Context => {
  const { remainingMs = 10_000, ...rest } = overrides;
  const deadline = Date.now() + remainingMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'demo-fn',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:demo-fn',
    memoryLimitInMB: '128',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/demo-fn',
    logStreamName: '2026/11/26/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
    ...rest,
  };
};

/** A fresh, well-formed X-Ray root id and the `_X_AMZN_TRACE_ID` value that carries it. */
export const newTrace = (): { root: string; header: string } => newDemoTrace();

export type CapturedLine = OutputLine;

/**
 * Captures what the process writes (Powertools Logger writes ERROR/WARN to stderr and the
 * rest to stdout), without letting it through. Call `restore()` when done.
 */
export const captureOutput = () => {
  const lines: CapturedLine[] = [];
  const spy = (stream: 'stdout' | 'stderr') =>
    vi.spyOn(process[stream], 'write').mockImplementation((chunk: unknown) => {
      for (const text of String(chunk).split('\n')) {
        if (text.length > 0) lines.push(outputLine(stream, text));
      }
      return true;
    });
  const spies = [spy('stdout'), spy('stderr')];
  return {
    lines,
    /** Parsed JSON log lines at `level`. */
    logs: (level?: string) =>
      lines
        .map((line) => line.json)
        .filter((json): json is Record<string, unknown> => json !== undefined)
        .filter((json) => level === undefined || json.level === level),
    restore: () => {
      for (const s of spies) s.mockRestore();
    },
  };
};

/**
 * For each test of the calling file: a fresh trace id in `_X_AMZN_TRACE_ID` (as Lambda sets
 * it) and the process output captured. Read `invocation.trace` and `invocation.output` inside
 * tests.
 */
export const eachInvocation = () => {
  const invocation = {} as {
    trace: ReturnType<typeof newTrace>;
    output: ReturnType<typeof captureOutput>;
  };
  beforeEach(() => {
    invocation.trace = newTrace();
    process.env._X_AMZN_TRACE_ID = invocation.trace.header;
    invocation.output = captureOutput();
  });
  afterEach(() => {
    invocation.output.restore();
    delete process.env._X_AMZN_TRACE_ID;
  });
  return invocation;
};
