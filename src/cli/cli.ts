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
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AnsweredError,
  errorsOfRecords,
  readLocalErrors,
  undatedCut,
} from './answered-errors.js';
import { isAws, type Parsed, PROGRAM, parse, USAGE, UsageError } from './args.js';
import { type AwsFound, queryAws } from './aws.js';
import { loadSdk } from './aws-sdk.js';
import { oneLine, safeText } from './escape.js';
import { follow } from './follow.js';
import { formatHuman, formatJson, xrayConsoleUrl } from './format.js';
import { formatErrorJson, formatErrors } from './format-errors.js';
import { formatGroups, formatGroupsJson } from './format-groups.js';
import { type ErrorGroup, readLocalGroupsCounted } from './groups.js';
import { type CliDeps, type CliIo, EXIT, fail, failure } from './io.js';
import { readLocalTrace } from './local.js';
import { packageVersion } from './version.js';

export { USAGE } from './args.js';

export { type CliDeps, type CliIo, EXIT } from './io.js';

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
    // parse() made sure there is a --file when there is no --stack or --log-group.
    const file = resolve(io.cwd ?? process.cwd(), options.file ?? '');
    const sinceMs = now - options.sinceSeconds * 1_000;
    if (options.command === 'errors' && options.group) {
      const baselineMs = sinceMs - options.baselineSeconds * 1_000;
      const { groups, undated } = await readLocalGroupsCounted(file, {
        sinceMs,
        baselineMs,
        status: options.status,
      });
      return { records: [], cuts: undated > 0 ? [undatedCut(undated)] : [], groups };
    }
    if (options.command === 'errors') {
      const { errors, undated } = await readLocalErrors(file, { sinceMs, status: options.status });
      return { records: [], cuts: undated > 0 ? [undatedCut(undated)] : [], errors };
    }
    return { records: await readLocalTrace(file, options.traceId), cuts: [] };
  } catch (error) {
    return failure(io, error, aws);
  }
};

/** The `logs` command that shows one request, as the user would type it next. */
const logsCommand = (options: Parsed): string => {
  if (options.stack !== undefined) return oneLine(`${PROGRAM} logs --stack ${options.stack}`);
  if (options.logGroups.length > 0) {
    return oneLine(
      `${PROGRAM} logs ${options.logGroups.map((group) => `--log-group ${group}`).join(' ')}`,
    );
  }
  return oneLine(`${PROGRAM} logs --file ${JSON.stringify(options.file ?? '')}`);
};

const printGroups = (options: Parsed, io: CliIo, groups: readonly ErrorGroup[]): number => {
  if (groups.length === 0) {
    return fail(
      io,
      `no answered error with a fingerprint in the last ${oneLine(options.since)}.`,
      EXIT.notFound,
    );
  }
  const shown = groups.slice(0, options.limit);
  io.stdout(
    options.json
      ? formatGroupsJson(shown)
      : formatGroups(shown, options.since, options.baseline, logsCommand(options)),
  );
  return EXIT.found;
};

const printErrors = (options: Parsed, io: CliIo, errors: readonly AnsweredError[]): number => {
  if (errors.length === 0) {
    return fail(io, `no answered error in the last ${oneLine(options.since)}.`, EXIT.notFound);
  }
  const shown = errors.slice(0, options.limit);
  if (options.json) {
    io.stdout(shown.map((error) => `${formatErrorJson(error)}\n`).join(''));
  } else {
    io.stdout(formatErrors(shown, errors, options.since, logsCommand(options)));
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
        ? `no log line mentions trace ${traceId} in the last ${oneLine(options.since)} of those log groups (lines can take a minute to reach Logs Insights; try a longer --since).`
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
  let options: Parsed | 'help' | 'version';
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
  if (options === 'version') {
    io.stdout(`${PROGRAM} ${packageVersion()}\n`);
    return EXIT.found;
  }
  if (options.follow) return follow(options, io, deps);
  const found = await find(options, io, deps);
  if (typeof found === 'number') return found;
  for (const cut of found.cuts) io.stderr(`${PROGRAM}: results cut: ${cut}.\n`);
  if (found.groups !== undefined) return printGroups(options, io, found.groups);
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
