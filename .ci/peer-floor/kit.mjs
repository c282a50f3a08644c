// What every peer-floor smoke needs, in plain Node (no test runner, no TypeScript): the real
// AWS events, a Lambda context, a trace as Lambda sets it, the process output, and checks that
// fail the run with a message. Copied beside the smoke file into the fresh project.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A real AWS event from `test/fixtures/aws-events` (the harness passes its path in FIXTURES_DIR). */
export const fixture = (name) =>
  JSON.parse(readFileSync(join(process.env.FIXTURES_DIR ?? '', name), 'utf8'));

export const lambdaContext = () => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'smoke-fn',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:smoke-fn',
  memoryLimitInMB: '128',
  awsRequestId: randomUUID(),
  logGroupName: '/aws/lambda/smoke-fn',
  logStreamName: '2026/11/29/[$LATEST]0123456789abcdef',
  getRemainingTimeInMillis: () => 10_000,
  done: () => {},
  fail: () => {},
  succeed: () => {},
});

/** Sets `_X_AMZN_TRACE_ID` as Lambda does for an invocation; returns the root id. */
export const startTrace = () => {
  const seconds = Math.floor(Date.now() / 1_000)
    .toString(16)
    .padStart(8, '0');
  const root = `1-${seconds}-${randomBytes(12).toString('hex')}`;
  process.env._X_AMZN_TRACE_ID = `Root=${root};Parent=${randomBytes(8).toString('hex')};Sampled=1`;
  return root;
};

/**
 * Records what the process writes to stdout and stderr while still writing it (the harness
 * reads the same output to look for secrets). `logs(level)` are the JSON lines at that level.
 */
export const captureOutput = () => {
  const lines = [];
  for (const name of ['stdout', 'stderr']) {
    const stream = process[name];
    const write = stream.write.bind(stream);
    stream.write = (chunk, ...rest) => {
      for (const text of String(chunk).split('\n')) if (text !== '') lines.push(text);
      return write(chunk, ...rest);
    };
  }
  const parsed = () =>
    lines.flatMap((text) => {
      try {
        return [JSON.parse(text)];
      } catch {
        return [];
      }
    });
  return { lines, logs: (level) => parsed().filter((json) => json.level === level) };
};

let failures = 0;
/** One named check: prints `ok` or `FAIL` with what was seen, and fails the process at exit. */
export const check = (name, passed, seen) => {
  if (passed) {
    console.log(`ok   ${name}`);
  } else {
    failures += 1;
    console.log(`FAIL ${name}: ${JSON.stringify(seen)}`);
  }
};
process.on('exit', (code) => {
  if (failures > 0 && code === 0) process.exitCode = 1;
});
