#!/usr/bin/env node
/**
 * `lambda-error-normalizer logs <traceId>`: every log line of one request, in time order, with
 * the error's stack and causes printed readably. `lambda-error-normalizer errors`: the latest
 * answered errors and a count by code.
 *
 * Without `--stack` or `--log-group` both read the local demo's log file; with them they run
 * CloudWatch Logs Insights queries, loading the AWS SDK clients (optional peer dependencies)
 * only then. Exit codes: 0 found, 1 nothing found, 2 usage error, 3 AWS call failed or AWS SDK
 * missing.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type AnsweredError, errorsOfRecords, readLocalErrors } from './answered-errors.js';
import { isAws, type Parsed, PROGRAM, parse, USAGE, UsageError } from './args.js';
import { type AwsClients, type AwsFound, queryAws } from './aws.js';
import { type AwsSdk, loadSdk, MissingSdkError } from './aws-sdk.js';
import { formatHuman, formatJson, safeText, xrayConsoleUrl } from './format.js';
import { formatErrorJson, formatErrors } from './format-errors.js';
import { AwsCallError, describeAwsError, QueryEndedError } from './insights.js';
import { LogFileMissingError, localLogFile, readLocalTrace } from './local.js';
import { StackLookupError } from './stack.js';

export { USAGE } from './args.js';

export const EXIT = { found: 0, notFound: 1, usage: 2, aws: 3 } as const;

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

/** What the CLI builds its AWS clients with (tests pass mocks, or a loader that fails). */
export interface CliDeps extends AwsClients {
  /** Imports the AWS SDK modules; called on the AWS path only. */
  loadSdk?: () => Promise<AwsSdk>;
}

const fail = (io: CliIo, message: string, code: number): number => {
  io.stderr(`${PROGRAM}: ${safeText(message)}\n`);
  return code;
};

/** What a command found: log lines (`logs`) or answered errors (`errors`). */
interface Found extends AwsFound {
  errors?: AnsweredError[];
}

/** Runs the command's search, or says why it could not (the exit code). */
const find = async (options: Parsed, io: CliIo, deps: CliDeps): Promise<Found | number> => {
  const now = io.now?.() ?? Date.now();
  const aws = isAws(options);
  try {
    if (aws) {
      const sdk = await loadSdk(deps.loadSdk);
      const found: Found = await queryAws(options, sdk, io, deps, now);
      if (options.command === 'errors') found.errors = errorsOfRecords(found.records);
      return found;
    }
    const file = localLogFile(options.file, io.env ?? process.env, io.cwd ?? process.cwd());
    if (options.command === 'errors') {
      const errors = await readLocalErrors(file, now - options.sinceSeconds * 1_000);
      return { records: [], cuts: [], errors };
    }
    return { records: await readLocalTrace(file, options.traceId), cuts: [] };
  } catch (error) {
    if (error instanceof LogFileMissingError) return fail(io, error.message, EXIT.notFound);
    if (error instanceof StackLookupError) return fail(io, error.message, EXIT.usage);
    if (
      error instanceof AwsCallError ||
      error instanceof QueryEndedError ||
      error instanceof MissingSdkError
    ) {
      return fail(io, error.message, EXIT.aws);
    }
    return fail(io, describeAwsError(error), aws ? EXIT.aws : EXIT.notFound);
  }
};

/** The `logs` command that shows one request, as the user would type it next. */
const logsCommand = (options: Parsed): string => {
  if (options.stack !== undefined) return `${PROGRAM} logs --stack ${options.stack}`;
  if (options.logGroups.length > 0) {
    return `${PROGRAM} logs ${options.logGroups.map((group) => `--log-group ${group}`).join(' ')}`;
  }
  return `${PROGRAM} logs${options.file === undefined ? '' : ` --file ${JSON.stringify(options.file)}`}`;
};

const printErrors = (options: Parsed, io: CliIo, errors: readonly AnsweredError[]): number => {
  if (errors.length === 0) {
    return fail(io, `no answered error in the last ${options.since}.`, EXIT.notFound);
  }
  const shown = errors.slice(0, options.limit);
  if (options.json) {
    io.stdout(shown.map((error) => `${formatErrorJson(error)}\n`).join(''));
  } else {
    io.stdout(formatErrors(shown, errors, safeText(options.since), logsCommand(options)));
  }
  return EXIT.found;
};

const printLines = (options: Parsed, io: CliIo, found: Found): number => {
  const { traceId } = options;
  const aws = isAws(options);
  const { records } = found;
  if (records.length === 0) {
    return fail(
      io,
      aws
        ? `no log line mentions trace ${traceId} in the last ${options.since} of those log groups (lines can take a minute to reach Logs Insights; try a longer --since).`
        : `no log line of trace ${traceId} in the local log file.`,
      EXIT.notFound,
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
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`${PROGRAM}: ${safeText(error.message)}\nRun \`${PROGRAM} --help\` for usage.\n`);
    return EXIT.usage;
  }
  if (options === 'help') {
    io.stdout(`${USAGE}\n`);
    return EXIT.found;
  }
  const found = await find(options, io, deps);
  if (typeof found === 'number') return found;
  for (const cut of found.cuts) io.stderr(`${PROGRAM}: results cut: ${cut}.\n`);
  return options.command === 'errors'
    ? printErrors(options, io, found.errors ?? [])
    : printLines(options, io, found);
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
  const code = await main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTTY: process.stderr.isTTY === true,
    signal: controller.signal,
  });
  process.exitCode = controller.signal.aborted ? 130 : code;
}
