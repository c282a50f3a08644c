/**
 * The command line of `lambda-error-normalizer`: `logs <traceId>` and `errors`, their options,
 * and the usage text. Everything is checked here, before any file or AWS call.
 */
import { parseArgs } from 'node:util';
import { isTraceId } from '../core/trace-id.js';
import { parseSince } from './insights.js';

export const PROGRAM = 'lambda-error-normalizer';

export const USAGE = `Usage: ${PROGRAM} logs <traceId> [options]
       ${PROGRAM} errors [options]

logs    every log line of the request with that X-Ray trace id
        (1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx): the lines carrying the trace id, and every
        line of the Lambda requests they name (console.log lines, platform lines...)
errors  the latest errors the middleware answered, newest first, and a count by code

Local demo (default):
  --file <path>         JSON-lines log file (default: $DEMO_LOG_FILE, else .demo/logs.jsonl)

AWS (CloudWatch Logs Insights; needs @aws-sdk/client-cloudwatch-logs and
@aws-sdk/client-cloudformation installed):
  --stack <name>        query the log groups of the stack's LogGroupNames output
  --log-group <name>    query this log group (repeatable)
  --region <region>     AWS region (default: the SDK's, e.g. AWS_REGION)
  --poll-interval <ms>  pause between two GetQueryResults calls (default: 1000)

Both:
  --since <duration>    how far back to search: 30m, 1h, 2d... (default: 1h)
  --limit <n>           errors: show the latest n (default: 50)
  --json                one JSON object per log line (logs) or per error (errors) on stdout
  -h, --help            show this help

Exit codes: 0 found, 1 nothing found, 2 usage error, 3 AWS call failed or AWS SDK missing.`;

/** A command line that cannot run. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** What the command line asks for. */
export interface Parsed {
  command: 'logs' | 'errors';
  /** Only for `logs`. */
  traceId: string;
  file: string | undefined;
  stack: string | undefined;
  logGroups: string[];
  since: string;
  sinceSeconds: number;
  region: string | undefined;
  pollIntervalMs: number;
  limit: number;
  json: boolean;
}

const parseOptions = (argv: readonly string[]) =>
  parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      file: { type: 'string' },
      stack: { type: 'string' },
      'log-group': { type: 'string', multiple: true },
      since: { type: 'string' },
      region: { type: 'string' },
      'poll-interval': { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });

const positiveInteger = (text: string | undefined, fallback: number, min: number) => {
  const value = Number(text ?? fallback);
  return Number.isSafeInteger(value) && value >= min ? value : undefined;
};

/** @throws UsageError with the reason. */
export const parse = (argv: readonly string[]): Parsed | 'help' => {
  let values: ReturnType<typeof parseOptions>['values'];
  let positionals: string[];
  try {
    ({ values, positionals } = parseOptions(argv));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  const [command, ...rest] = positionals;
  if (command !== 'logs' && command !== 'errors') {
    throw new UsageError(
      command === undefined ? 'Missing command: logs or errors' : `Unknown command: ${command}`,
    );
  }
  let traceId = '';
  if (command === 'logs') {
    const [id, ...extra] = rest;
    if (id === undefined) throw new UsageError('Missing the trace id');
    if (extra.length > 0) throw new UsageError(`Unexpected argument: ${extra[0]}`);
    if (!isTraceId(id)) {
      throw new UsageError(
        `Not an X-Ray trace id: ${JSON.stringify(id)}. Expected 1-<8 hex digits>-<24 hex digits>, e.g. 1-5759e988-bd862e3fe1be46a994272793 (the X-Trace-Id response header).`,
      );
    }
    traceId = id;
  } else if (rest.length > 0) {
    throw new UsageError(`Unexpected argument: ${rest[0]}`);
  }
  const logGroups = values['log-group'] ?? [];
  if (values.stack !== undefined && logGroups.length > 0) {
    throw new UsageError('Use --stack or --log-group, not both');
  }
  if (values.file !== undefined && (values.stack !== undefined || logGroups.length > 0)) {
    throw new UsageError(
      '--file reads the local demo log; it cannot go with --stack or --log-group',
    );
  }
  for (const name of [values.stack, ...logGroups]) {
    if (name !== undefined && name.trim().length === 0) throw new UsageError('Empty name');
  }
  const since = values.since ?? '1h';
  const sinceSeconds = parseSince(since);
  if (sinceSeconds === undefined) {
    throw new UsageError(`Invalid --since ${JSON.stringify(since)}: use e.g. 30m, 1h, 2d`);
  }
  const pollIntervalMs = positiveInteger(values['poll-interval'], 1_000, 0);
  if (pollIntervalMs === undefined) {
    throw new UsageError('Invalid --poll-interval: a number of milliseconds');
  }
  const limit = positiveInteger(values.limit, 50, 1);
  if (limit === undefined) throw new UsageError('Invalid --limit: a whole number, 1 or more');
  return {
    command,
    traceId,
    file: values.file,
    stack: values.stack,
    logGroups,
    since,
    sinceSeconds,
    region: values.region,
    pollIntervalMs,
    limit,
    json: values.json ?? false,
  };
};

/** Whether the command line asks for CloudWatch rather than the local demo's file. */
export const isAws = (options: Parsed): boolean =>
  options.stack !== undefined || options.logGroups.length > 0;
