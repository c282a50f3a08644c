/**
 * What the CLI's commands share: where they write, what they are given, and how a failure
 * becomes a message on stderr and an exit code.
 */
import { PROGRAM, UsageError } from './args.js';
import type { AwsClients } from './aws.js';
import type { AwsSdk } from './aws-sdk.js';
import { MissingSdkError } from './aws-sdk.js';
import { safeText } from './escape.js';
import { AwsCallError, describeAwsError, QueryEndedError } from './insights.js';
import { LogFileMissingError } from './local.js';
import { StackLookupError } from './stack.js';

/** The exit codes: 0 found, 1 nothing found, 2 usage error, 3 AWS call failed or SDK missing. */
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
  /** Aborting stops a running Logs Insights query, or ends `--follow`. */
  signal?: AbortSignal;
}

/** What the CLI builds its AWS clients with (tests pass mocks, or a loader that fails). */
export interface CliDeps extends AwsClients {
  /** Imports the AWS SDK modules; called on the AWS path only. */
  loadSdk?: () => Promise<AwsSdk>;
}

/** Says `message` on stderr (escaped) and returns `code`. */
export const fail = (io: CliIo, message: string, code: number): number => {
  io.stderr(`${PROGRAM}: ${safeText(message)}\n`);
  return code;
};

/** Why a command could not run, as the exit code; the message is on stderr. */
export const failure = (io: CliIo, error: unknown, aws: boolean): number => {
  if (error instanceof LogFileMissingError) return fail(io, error.message, EXIT.notFound);
  if (error instanceof StackLookupError || error instanceof UsageError) {
    return fail(io, error.message, EXIT.usage);
  }
  if (
    error instanceof AwsCallError ||
    error instanceof QueryEndedError ||
    error instanceof MissingSdkError
  ) {
    return fail(io, error.message, EXIT.aws);
  }
  return fail(io, describeAwsError(error), aws ? EXIT.aws : EXIT.notFound);
};

/** Prints one followed line when it is an incident line (and passes `--status`). */
export type LinePrinter = (raw: string, fallbackTime?: string) => void;
