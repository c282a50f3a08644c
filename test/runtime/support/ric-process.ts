/**
 * One function instance: `aws-lambda-ric` started the way the managed runtime starts it, with
 * only the environment Lambda gives a function (its own variables from the template included),
 * its output read back as lines.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { REGION } from '../../../infra/local/event.js';
import { type OutputLine, outputLine } from '../../support/output-line.js';

export interface FunctionInstanceOptions {
  ricEntry: string;
  /** Folder holding the bundle: `LAMBDA_TASK_ROOT`. */
  taskRoot: string;
  /** `_HANDLER`, e.g. `index.handler`. */
  handler: string;
  functionName: string;
  memorySize: number;
  /** The function's own environment variables (`Environment.Variables` of the template). */
  environment: Record<string, string>;
  /** `host:port` of the Runtime API. */
  runtimeApi: string;
  /** Set for Lambda Managed Instances' multi-concurrent mode. */
  maxConcurrency?: number;
}

export interface FunctionInstance {
  /** The client's process id (the bench reads its CPU time from /proc). */
  pid: number | undefined;
  lines: OutputLine[];
  /** JSON lines only. */
  json: () => Record<string, unknown>[];
  exited: Promise<number | null>;
  /**
   * Resolves once `ready(json lines)` holds, or after `limitMs` anyway (the assertions that
   * follow then say what is missing). Worker threads hand their output to the main thread
   * asynchronously: a line may come after the answer it belongs to.
   */
  settle: (ready: (json: Record<string, unknown>[]) => boolean, limitMs?: number) => Promise<void>;
  stop: () => Promise<void>;
}

/** The variables Lambda sets for every Node.js function (the runtime reads most of them). */
const lambdaEnvironment = (options: FunctionInstanceOptions): Record<string, string> => {
  const logGroup = `/aws/lambda/${options.functionName}`;
  const env: Record<string, string> = {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    LAMBDA_TASK_ROOT: options.taskRoot,
    _HANDLER: options.handler,
    AWS_LAMBDA_RUNTIME_API: options.runtimeApi,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: options.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(options.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: logGroup,
    AWS_LAMBDA_LOG_STREAM_NAME: '2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef',
    AWS_LAMBDA_LOG_FORMAT: 'JSON',
    AWS_LAMBDA_LOG_LEVEL: 'INFO',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    // Nothing listens there: segments sent over UDP are simply lost, as with no daemon.
    AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000',
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    ...options.environment,
  };
  if (options.maxConcurrency !== undefined) {
    env.AWS_LAMBDA_MAX_CONCURRENCY = String(options.maxConcurrency);
  }
  return env;
};

const collect = (child: ChildProcess, lines: OutputLine[]) => {
  for (const stream of ['stdout', 'stderr'] as const) {
    const source = child[stream];
    if (source === null) continue;
    createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (text) =>
      lines.push(outputLine(stream, text)),
    );
  }
};

/** Starts the runtime client on the bundle; it then polls the Runtime API for invocations. */
export const startFunctionInstance = (options: FunctionInstanceOptions): FunctionInstance => {
  const child = spawn(process.execPath, [options.ricEntry], {
    cwd: options.taskRoot,
    env: lambdaEnvironment(options),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: OutputLine[] = [];
  collect(child, lines);
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const json = () => lines.flatMap((line) => (line.json === undefined ? [] : [line.json]));
  return {
    pid: child.pid,
    lines,
    json,
    exited,
    settle: async (ready, limitMs = 10_000) => {
      const giveUpAt = Date.now() + limitMs;
      while (!ready(json()) && Date.now() < giveUpAt) await sleep(20);
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
};
