/**
 * `--stack`: the log groups a CloudFormation stack lists in its `LogGroupNames` output
 * (comma-separated function and access log group names).
 *
 * `@aws-sdk/client-cloudformation` is an optional dependency of this package: it is loaded
 * only when `--stack` is used, and a clear error says to install it (or to pass `--log-group`)
 * when it is missing.
 */
import { AwsCallError } from './insights.js';

export const LOG_GROUPS_OUTPUT = 'LogGroupNames';

/** The part of `@aws-sdk/client-cloudformation` this module uses. */
export interface CloudFormationModule {
  CloudFormationClient: new (config: {
    region?: string;
  }) => { send(command: unknown): Promise<unknown>; destroy(): void };
  DescribeStacksCommand: new (input: { StackName: string }) => unknown;
}

/** The stack option cannot be served: the client package is missing, or the output is. */
export class StackLookupError extends Error {
  override name = 'StackLookupError';
}

const CLIENT_PACKAGE = '@aws-sdk/client-cloudformation';

/** Loads the CloudFormation client, or `undefined` when the package is not installed. */
export const loadCloudFormation = async (): Promise<CloudFormationModule | undefined> => {
  // A variable specifier: the package is optional, so the compiler must not require it.
  const specifier: string = CLIENT_PACKAGE;
  try {
    return (await import(specifier)) as CloudFormationModule;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
};

interface DescribeStacksOutput {
  Stacks?: { Outputs?: { OutputKey?: string; OutputValue?: string }[] }[];
}

/**
 * The log group names of `stackName`'s `LogGroupNames` output.
 *
 * @throws StackLookupError when the client package or the output is missing.
 * @throws AwsCallError when DescribeStacks fails.
 */
export const logGroupsOfStack = async (
  stackName: string,
  region: string | undefined,
  load: () => Promise<CloudFormationModule | undefined> = loadCloudFormation,
): Promise<string[]> => {
  const sdk = await load();
  if (sdk === undefined) {
    throw new StackLookupError(
      `--stack needs ${CLIENT_PACKAGE}, which is not installed: run \`npm install ${CLIENT_PACKAGE}\`, or name the log groups with --log-group`,
    );
  }
  const client = new sdk.CloudFormationClient(region === undefined ? {} : { region });
  let output: DescribeStacksOutput;
  try {
    output = (await client.send(
      new sdk.DescribeStacksCommand({ StackName: stackName }),
    )) as DescribeStacksOutput;
  } catch (error) {
    throw new AwsCallError('DescribeStacks', error);
  } finally {
    client.destroy();
  }
  const value = output.Stacks?.[0]?.Outputs?.find(
    (entry) => entry.OutputKey === LOG_GROUPS_OUTPUT,
  )?.OutputValue;
  const names = (value ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  if (names.length === 0) {
    throw new StackLookupError(
      `Stack ${stackName} has no ${LOG_GROUPS_OUTPUT} output; name the log groups with --log-group`,
    );
  }
  return names;
};
