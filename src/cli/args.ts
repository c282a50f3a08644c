/**
 * The command line of `lambda-error-normalizer`: `logs <traceId>` and `errors`, their options,
 * and the usage text. Everything is checked here, before any file or AWS call.
 */
import { parseArgs } from 'node:util';
import { isTraceId } from '../core/trace-id.js';
import { parseSince } from './insights.js';
import { parseStatusFilter, type StatusFilter } from './status-filter.js';

export const PROGRAM = 'lambda-error-normalizer';

export const USAGE = `Usage: ${PROGRAM} logs <traceId> (--file <path> | --stack <name> | --log-group <name>...) [options]
       ${PROGRAM} logs --follow (--file | --stack | --log-group) [options]
       ${PROGRAM} errors (--file <path> | --stack <name> | --log-group <name>...) [--group | --follow] [options]

logs    every log line of the request with that X-Ray trace id
        (1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx): the lines carrying the trace id, and every
        line of the Lambda requests they name (console.log lines, platform lines...)
errors  the latest errors the middleware answered, newest first, and a count by code

Where to read (one is required):
  --file <path>         the local demo's JSON-lines log file (npm run logs/errors pass it)

AWS (CloudWatch Logs Insights; needs @aws-sdk/client-cloudwatch-logs and
@aws-sdk/client-cloudformation installed):
  --stack <name>        query the log groups of the stack's ErrorNormalizerLogGroups… and
                        LogGroupNames outputs
  --log-group <name>    query this log group (repeatable); more than 50 groups are queried
                        50 at a time (Logs Insights' limit per query), results merged
  --region <region>     AWS region (default: the SDK's, e.g. AWS_REGION)
  --poll-interval <ms>  pause between two GetQueryResults calls (default: 1000)

Both:
  --since <duration>    how far back to search: 30m, 1h, 2d... (default: 1h)
  --limit <n>           errors: show the latest n (default: 50); --group: the top n groups
  --status <list>       errors, logs --follow: only these statuses: 500, 5xx, 4xx or a
                        list (502,503)
  --group               errors: one row per fingerprint (count, first/last seen, sample),
                        most frequent first; groups not seen in the --baseline before are new
  --baseline <duration> errors --group: how far before --since to look for a group (default: 1d)
  --follow              errors: print answered errors as they arrive; logs: every incident line
                        (Live Tail on AWS, the file's new lines locally); Ctrl-C ends it
  --json                one JSON object per log line (logs) or per error (errors) on stdout;
                        errors --group: one JSON array of groups
  -h, --help            show this help
  -V, --version         show the version

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
  /** `errors --group`. */
  group: boolean;
  /** `--follow`: stream new lines instead of searching the past. */
  follow: boolean;
  /** `--status`, when given. */
  status: StatusFilter | undefined;
  /** `--baseline` as typed (default `1d`). */
  baseline: string;
  /** `--baseline` in seconds: the look-back before the window that decides what is new. */
  baselineSeconds: number;
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
      status: { type: 'string' },
      group: { type: 'boolean' },
      baseline: { type: 'string' },
      follow: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'V' },
    },
  });

const positiveInteger = (text: string | undefined, fallback: number, min: number) => {
  const value = Number(text ?? fallback);
  return Number.isSafeInteger(value) && value >= min ? value : undefined;
};

/** @throws UsageError with the reason. */
export const parse = (argv: readonly string[]): Parsed | 'help' | 'version' => {
  let values: ReturnType<typeof parseOptions>['values'];
  let positionals: string[];
  try {
    ({ values, positionals } = parseOptions(argv));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  if (values.version) return 'version';
  const [command, ...rest] = positionals;
  if (command !== 'logs' && command !== 'errors') {
    throw new UsageError(
      command === undefined ? 'Missing command: logs or errors' : `Unknown command: ${command}`,
    );
  }
  let traceId = '';
  const follow = values.follow ?? false;
  if (command === 'logs' && follow) {
    if (rest.length > 0)
      throw new UsageError('logs --follow takes no trace id: it follows every incident');
  } else if (command === 'logs') {
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
  const group = values.group ?? false;
  if (group && command !== 'errors') throw new UsageError('--group goes with errors');
  if (group && follow) throw new UsageError('Use --group or --follow, not both');
  // `logs --follow` prints incident lines, which have a status to filter on; `logs <traceId>`
  // prints every line of one request, most of which have none: a filter there would hide
  // the very lines (console.log, platform lines) the command is for.
  if (values.status !== undefined && command === 'logs' && !follow) {
    throw new UsageError(
      '--status goes with errors and logs --follow; logs <traceId> prints every line of the request, whatever its status',
    );
  }
  const status = values.status === undefined ? undefined : parseStatusFilter(values.status);
  if (values.status !== undefined && status === undefined) {
    throw new UsageError(
      `Invalid --status ${JSON.stringify(values.status)}: use e.g. 500, 5xx, 4xx or 502,503`,
    );
  }
  const baselineSeconds = parseSince(values.baseline ?? '1d');
  if (baselineSeconds === undefined) {
    throw new UsageError(`Invalid --baseline ${JSON.stringify(values.baseline)}: use e.g. 1d, 12h`);
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
  if (values.file === undefined && values.stack === undefined && logGroups.length === 0) {
    throw new UsageError(
      'Say where to read: --file <path> (the local demo log, e.g. .demo/logs.jsonl) or --stack <name> / --log-group <name> (CloudWatch)',
    );
  }
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
    group,
    follow,
    status,
    baseline: values.baseline ?? '1d',
    baselineSeconds,
  };
};

/** Whether the command line asks for CloudWatch rather than the local demo's file. */
export const isAws = (options: Parsed): boolean =>
  options.stack !== undefined || options.logGroups.length > 0;
