#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
/**
 * `lambda-error-normalizer logs <traceId>`: every log line of one request, found by its X-Ray
 * trace id, in time order, with the error's stack and causes printed readably.
 *
 * Without `--stack` or `--log-group` it reads the local demo's log file; with them it runs a
 * CloudWatch Logs Insights query. Exit codes: 0 lines found, 1 none found, 2 usage error,
 * 3 AWS call failed.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, type QueryStatistics } from '@aws-sdk/client-cloudwatch-logs';
import { isTraceId } from '../trace-id.js';
import { formatHuman, formatJson, safeText, xrayConsoleUrl } from './format.js';
import {
  AwsCallError,
  describeAwsError,
  MAX_RESULTS,
  parseSince,
  QueryEndedError,
  queryTrace,
  queryWindow,
} from './insights.js';
import { LogFileMissingError, localLogFile, readLocalTrace } from './local.js';
import type { LogRecord } from './record.js';
import { logGroupsOfStack, StackLookupError } from './stack.js';

export const EXIT = { found: 0, notFound: 1, usage: 2, aws: 3 } as const;

const PROGRAM = 'lambda-error-normalizer';

export const USAGE = `Usage: ${PROGRAM} logs <traceId> [options]

Prints every log line of the request with that X-Ray trace id (1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx).

Local demo (default):
  --file <path>         JSON-lines log file (default: $DEMO_LOG_FILE, else .demo/logs.jsonl)

AWS (CloudWatch Logs Insights):
  --stack <name>        query the log groups of the stack's LogGroupNames output
  --log-group <name>    query this log group (repeatable)
  --since <duration>    how far back to search: 30m, 1h, 2d... (default: 1h)
  --region <region>     AWS region (default: the SDK's, e.g. AWS_REGION)
  --poll-interval <ms>  pause between two GetQueryResults calls (default: 1000)

Output:
  --json                one JSON object per log line on stdout, nothing else
  -h, --help            show this help

Exit codes: 0 lines found, 1 no line found, 2 usage error, 3 AWS call failed.`;

/** Where the CLI writes, and what it reads from its environment. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress is then redrawn on one line). */
  stderrIsTTY?: boolean;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  now?: () => number;
  /** Aborting stops a running Logs Insights query. */
  signal?: AbortSignal;
}

/** What the CLI builds its AWS clients with (tests pass mocks). */
export interface CliDeps {
  logsClient?: (region: string | undefined) => CloudWatchLogsClient;
  cloudFormationClient?: (region: string | undefined) => CloudFormationClient;
}

class UsageError extends Error {}

interface Parsed {
  traceId: string;
  file: string | undefined;
  stack: string | undefined;
  logGroups: string[];
  since: string;
  sinceSeconds: number;
  region: string | undefined;
  pollIntervalMs: number;
  json: boolean;
}

const parse = (argv: readonly string[]): Parsed | 'help' => {
  let values: ReturnType<typeof parseOptions>['values'];
  let positionals: string[];
  try {
    ({ values, positionals } = parseOptions(argv));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  const [command, traceId, ...extra] = positionals;
  if (command !== 'logs') {
    throw new UsageError(
      command === undefined ? 'Missing command: logs' : `Unknown command: ${command}`,
    );
  }
  if (traceId === undefined) throw new UsageError('Missing the trace id');
  if (extra.length > 0) throw new UsageError(`Unexpected argument: ${extra[0]}`);
  if (!isTraceId(traceId)) {
    throw new UsageError(
      `Not an X-Ray trace id: ${JSON.stringify(traceId)}. Expected 1-<8 hex digits>-<24 hex digits>, e.g. 1-5759e988-bd862e3fe1be46a994272793 (the X-Trace-Id response header).`,
    );
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
  const pollIntervalMs = Number(values['poll-interval'] ?? '1000');
  if (!Number.isInteger(pollIntervalMs) || pollIntervalMs < 0) {
    throw new UsageError('Invalid --poll-interval: a number of milliseconds');
  }
  return {
    traceId,
    file: values.file,
    stack: values.stack,
    logGroups,
    since,
    sinceSeconds,
    region: values.region,
    pollIntervalMs,
    json: values.json ?? false,
  };
};

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
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });

const progressLine = (status: string, statistics: QueryStatistics | undefined): string => {
  const scanned = statistics?.recordsScanned;
  const matched = statistics?.recordsMatched;
  const counts =
    scanned === undefined
      ? ''
      : ` ${Math.round(scanned).toLocaleString('en-US')} records scanned${matched === undefined ? '' : `, ${Math.round(matched)} matched`}`;
  return `query ${status.toLowerCase()}…${counts}`;
};

interface Found {
  records: LogRecord[];
  region?: string;
  truncated?: boolean;
}

const queryAws = async (options: Parsed, io: CliIo, deps: CliDeps, now: number): Promise<Found> => {
  const logGroupNames =
    options.stack === undefined
      ? options.logGroups
      : await logGroupsOfStack(
          deps.cloudFormationClient?.(options.region) ??
            new CloudFormationClient(
              options.region === undefined ? {} : { region: options.region },
            ),
          options.stack,
        );
  const client =
    deps.logsClient?.(options.region) ??
    new CloudWatchLogsClient(options.region === undefined ? {} : { region: options.region });
  try {
    const { startTime, endTime } = queryWindow(options.sinceSeconds, now);
    io.stderr(
      `Querying ${logGroupNames.length} log group${logGroupNames.length === 1 ? '' : 's'} (${logGroupNames.join(', ')}) over the last ${safeText(options.since)}\n`,
    );
    let redraw = false;
    const result = await queryTrace({
      client,
      logGroupNames,
      traceId: options.traceId,
      startTime,
      endTime,
      pollIntervalMs: options.pollIntervalMs,
      onProgress: (status, statistics) => {
        const text = progressLine(status, statistics);
        if (io.stderrIsTTY) {
          io.stderr(`\r\u001b[2K${text}`);
          redraw = true;
        } else {
          io.stderr(`${text}\n`);
        }
      },
      ...(io.signal === undefined ? {} : { signal: io.signal }),
    });
    if (redraw) io.stderr('\r\u001b[2K');
    let region: string | undefined;
    try {
      region = await client.config.region();
    } catch {
      region = undefined;
    }
    return {
      records: result.records,
      truncated: result.truncated,
      ...(region === undefined ? {} : { region }),
    };
  } finally {
    client.destroy();
  }
};

/** Runs the CLI; resolves to the exit code. Never throws. */
export const main = async (
  argv: readonly string[],
  io: CliIo,
  deps: CliDeps = {},
): Promise<number> => {
  let options: Parsed | 'help';
  try {
    options = parse(argv);
  } catch (error) {
    io.stderr(
      `${PROGRAM}: ${safeText((error as Error).message)}\nRun \`${PROGRAM} --help\` for usage.\n`,
    );
    return EXIT.usage;
  }
  if (options === 'help') {
    io.stdout(`${USAGE}\n`);
    return EXIT.found;
  }
  const { traceId } = options;
  const aws = options.stack !== undefined || options.logGroups.length > 0;

  let found: Found;
  try {
    if (aws) {
      found = await queryAws(options, io, deps, io.now?.() ?? Date.now());
    } else {
      const file = localLogFile(options.file, io.env ?? process.env, io.cwd ?? process.cwd());
      found = { records: await readLocalTrace(file, traceId) };
    }
  } catch (error) {
    if (error instanceof LogFileMissingError) {
      io.stderr(`${PROGRAM}: ${safeText(error.message)}\n`);
      return EXIT.notFound;
    }
    if (error instanceof StackLookupError) {
      io.stderr(`${PROGRAM}: ${safeText(error.message)}\n`);
      return EXIT.usage;
    }
    if (error instanceof AwsCallError || error instanceof QueryEndedError) {
      io.stderr(`${PROGRAM}: ${safeText(error.message)}\n`);
      return EXIT.aws;
    }
    io.stderr(`${PROGRAM}: ${safeText(describeAwsError(error))}\n`);
    return aws ? EXIT.aws : EXIT.notFound;
  }

  const { records } = found;
  if (records.length === 0) {
    io.stderr(
      aws
        ? `${PROGRAM}: no log line mentions trace ${traceId} in the last ${safeText(options.since)} of those log groups (lines can take a minute to reach Logs Insights; try a longer --since).\n`
        : `${PROGRAM}: no log line of trace ${traceId} in the local log file.\n`,
    );
    return EXIT.notFound;
  }
  if (found.truncated) {
    io.stderr(
      `${PROGRAM}: results truncated: Logs Insights returns at most ${MAX_RESULTS.toLocaleString('en-US')} rows per query; narrow --since to see the rest.\n`,
    );
  }
  const link = found.region === undefined ? undefined : xrayConsoleUrl(found.region, traceId);
  if (options.json) {
    io.stdout(records.map((record) => `${formatJson(record)}\n`).join(''));
    if (link !== undefined) io.stderr(`X-Ray trace: ${link}\n`);
  } else {
    io.stdout(`${formatHuman(traceId, records)}\n\n`);
    io.stdout(
      link === undefined
        ? `X-Ray trace id: ${traceId}${aws ? '' : ' (local demo: no X-Ray trace was recorded)'}\n`
        : `X-Ray trace: ${link}\n`,
    );
  }
  return EXIT.found;
};

const invokedDirectly = (): boolean => {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
};

if (invokedDirectly()) {
  const controller = new AbortController();
  const interrupt = () => controller.abort(new Error('Interrupted'));
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const code = await main(
    process.argv.slice(2),
    {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      stderrIsTTY: process.stderr.isTTY === true,
      signal: controller.signal,
    },
    {},
  );
  process.exitCode = controller.signal.aborted ? 130 : code;
}
