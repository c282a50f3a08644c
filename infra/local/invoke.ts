/**
 * One Lambda invocation, run as the Node.js runtime runs it: inside its own invoke-store
 * context (request id and trace header, as on Lambda Managed Instances where one process
 * serves many invocations at once), ended at its deadline, with `console.*` written as
 * Lambda's JSON log format writes it (`{"timestamp","level","requestId","message"}`) and a
 * failed invocation logged as the runtime's `Invoke Error` line.
 */
import { format } from 'node:util';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import type { DemoHandler } from './route-table.js';

// Before the store is loaded: it is then one AsyncLocalStorage context per invocation, and
// Powertools keeps its per-invocation state there.
process.env.AWS_LAMBDA_MAX_CONCURRENCY ||= '64';

const { InvokeStore, InvokeStoreBase } = await import('@aws/lambda-invoke-store');
const store = await InvokeStore.getInstanceAsync();
const { REQUEST_ID, X_RAY_TRACE_ID } = InvokeStoreBase.PROTECTED_KEYS;

/** Lambda ends an invocation at its deadline; a little grace absorbs timer jitter. */
const KILL_GRACE_MS = 100;

/** The request id of the invocation running now, if any. */
const currentRequestId = (): string | undefined =>
  store.hasContext() ? store.get<string>(REQUEST_ID) : undefined;

/** What the runtime makes of an Error given alone to console.* (its JSON replacer). */
const errorJson = (error: Error): Record<string, unknown> => ({
  errorType: error.constructor?.name ?? 'UnknownError',
  errorMessage: error.message,
  stackTrace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
});

/** One line of Lambda's JSON log format, as the Node.js runtime formats console.* arguments. */
export const runtimeLogLine = (
  level: string,
  requestId: string,
  params: readonly unknown[],
  now = new Date(),
): string => {
  const line: Record<string, unknown> = { timestamp: now.toISOString(), level, requestId };
  if (params.length === 1) {
    const [only] = params;
    line.message = only instanceof Error ? errorJson(only) : only;
    try {
      return JSON.stringify(line);
    } catch {
      line.message = format(only);
      return JSON.stringify(line);
    }
  }
  line.message = format(...params);
  const error = params.find((param): param is Error => param instanceof Error);
  if (error !== undefined) Object.assign(line, errorJson(error));
  return JSON.stringify(line);
};

const LEVELS = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  log: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
} as const;

/**
 * Makes console.* inside an invocation write Lambda's JSON lines to stdout (which the log sink
 * copies to the file); outside an invocation console.* stays as it was.
 */
export const captureConsole = (): void => {
  for (const [method, level] of Object.entries(LEVELS) as [keyof typeof LEVELS, string][]) {
    const original = console[method].bind(console);
    console[method] = (...params: unknown[]) => {
      const requestId = currentRequestId();
      if (requestId === undefined) {
        original(...params);
        return;
      }
      process.stdout.write(`${runtimeLogLine(level, requestId, params)}\n`);
    };
  }
};

/** Runs one invocation inside its own store context, ended at its deadline like Lambda's. */
export const invoke = (
  handler: DemoHandler,
  event: APIGatewayProxyEvent,
  context: Context,
  traceHeader: string,
  timeoutMs: number,
): Promise<unknown> =>
  store.run({ [REQUEST_ID]: context.awsRequestId, [X_RAY_TRACE_ID]: traceHeader }, () => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Task timed out after ${(timeoutMs / 1_000).toFixed(2)} seconds`)),
        context.getRemainingTimeInMillis() + KILL_GRACE_MS,
      );
    });
    return Promise.race([handler(event, context), deadline]).finally(() => clearTimeout(timer));
  });

/** The runtime's line for an invocation that failed (LogFormat JSON: the error alone, at ERROR). */
export const invokeErrorLine = (requestId: string, error: unknown): string =>
  runtimeLogLine('ERROR', requestId, [error instanceof Error ? error : new Error(String(error))]);
