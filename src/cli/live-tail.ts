/**
 * `--follow` on AWS: CloudWatch Logs Live Tail (`StartLiveTail`, an SDK v3 event stream) over
 * the log groups, filtered to incident lines. Its limits, from the API reference: at most 10
 * log groups per session, a session ends after 3 hours (it is resumed here, saying so), and
 * above 500 matching events per second the events are sampled (said once per session).
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { type Parsed, PROGRAM, UsageError } from './args.js';
import { type AwsSdk, loadSdk } from './aws-sdk.js';
import { oneLine } from './escape.js';
import { AwsCallError } from './insights.js';
import type { CliDeps, CliIo, LinePrinter } from './io.js';
import { logGroupsToRead } from './stack.js';

/** Most log groups one Live Tail session takes. */
export const MAX_LIVE_TAIL_GROUPS = 10;

/** Only the middleware's incident lines: ERROR or WARN with a status (checked again here). */
export const INCIDENT_FILTER = '{ ($.level = "ERROR" || $.level = "WARN") && $.status >= 400 }';

/** Live Tail takes log group ARNs: each name's, from DescribeLogGroups. */
export const logGroupArns = async (
  sdk: Pick<AwsSdk, 'logs'>,
  client: CloudWatchLogsClient,
  names: readonly string[],
): Promise<string[]> => {
  const arns: string[] = [];
  for (const name of names) {
    if (name.startsWith('arn:')) {
      arns.push(name);
      continue;
    }
    let found: string | undefined;
    try {
      const answer = await client.send(
        new sdk.logs.DescribeLogGroupsCommand({ logGroupNamePrefix: name }),
      );
      const group = answer.logGroups?.find((candidate) => candidate.logGroupName === name);
      found = group?.logGroupArn ?? group?.arn?.replace(/:\*$/, '');
    } catch (error) {
      throw new AwsCallError('DescribeLogGroups', error);
    }
    if (found === undefined)
      throw new AwsCallError('DescribeLogGroups', new Error(`no log group named ${oneLine(name)}`));
    arns.push(found);
  }
  return arns;
};

/** One session: prints its events until it ends; resolves `true` when it timed out (resume). */
const session = async (
  sdk: AwsSdk,
  client: CloudWatchLogsClient,
  arns: string[],
  io: CliIo,
  print: LinePrinter,
): Promise<boolean> => {
  let stream: AsyncIterable<Record<string, unknown>> | undefined;
  try {
    const started = await client.send(
      new sdk.logs.StartLiveTailCommand({
        logGroupIdentifiers: arns,
        logEventFilterPattern: INCIDENT_FILTER,
      }),
      io.signal === undefined ? {} : { abortSignal: io.signal },
    );
    stream = started.responseStream as AsyncIterable<Record<string, unknown>> | undefined;
  } catch (error) {
    throw new AwsCallError('StartLiveTail', error);
  }
  if (stream === undefined)
    throw new AwsCallError('StartLiveTail', new Error('the answer has no stream'));
  let sampledSaid = false;
  let started = false;
  try {
    for await (const event of stream) {
      if (io.signal?.aborted) return false;
      if (event.sessionStart !== undefined) started = true;
      if (event.SessionTimeoutException !== undefined) return true;
      if (event.SessionStreamingException !== undefined) {
        throw new AwsCallError('StartLiveTail', event.SessionStreamingException);
      }
      const update = event.sessionUpdate as
        | {
            sessionMetadata?: { sampled?: boolean };
            sessionResults?: { message?: string; timestamp?: number }[];
          }
        | undefined;
      if (update === undefined) continue;
      if (update.sessionMetadata?.sampled === true && !sampledSaid) {
        sampledSaid = true;
        io.stderr(
          `${PROGRAM}: Live Tail is sampling: more than 500 lines per second match, so some are not shown\n`,
        );
      }
      for (const result of update.sessionResults ?? []) {
        const time = result.timestamp === undefined ? '' : new Date(result.timestamp).toISOString();
        if (typeof result.message === 'string') print(result.message, time);
      }
    }
  } catch (error) {
    if (io.signal?.aborted) return false;
    if (error instanceof AwsCallError) throw error;
    if ((error as { name?: unknown })?.name === 'SessionTimeoutException') return true;
    throw new AwsCallError('StartLiveTail', error);
  }
  if (io.signal?.aborted) return false;
  // Ended before it started: resuming would only loop on the same refusal.
  if (!started)
    throw new AwsCallError('StartLiveTail', new Error('the session ended before it started'));
  // The stream ended without a word: a session's 3 hours are up.
  return true;
};

/** Follows the incident lines of the stack's (or named) log groups until Ctrl-C. */
export const liveTail = async (
  options: Parsed,
  io: CliIo,
  deps: CliDeps,
  print: LinePrinter,
): Promise<void> => {
  const sdk = await loadSdk(deps.loadSdk);
  const regionConfig = options.region === undefined ? {} : { region: options.region };
  const names = await logGroupsToRead(options, sdk, deps.cloudFormationClient);
  if (names.length > MAX_LIVE_TAIL_GROUPS) {
    throw new UsageError(
      `Live Tail follows at most ${MAX_LIVE_TAIL_GROUPS} log groups at once; ${names.length} given (name at most ${MAX_LIVE_TAIL_GROUPS} with --log-group)`,
    );
  }
  const client =
    deps.logsClient?.(options.region) ?? new sdk.logs.CloudWatchLogsClient(regionConfig);
  try {
    const arns = await logGroupArns(sdk, client, names);
    io.stderr(
      `${PROGRAM}: following ${names.map(oneLine).join(', ')} through Live Tail (Ctrl-C to stop)\n`,
    );
    while (await session(sdk, client, arns, io, print)) {
      io.stderr(
        `${PROGRAM}: the Live Tail session ended (sessions last at most 3 hours); resuming\n`,
      );
    }
  } finally {
    client.destroy();
  }
};
