/**
 * `--stack`: the log groups a CloudFormation stack lists in its `LogGroupNames` output
 * (comma-separated function and access log group names, as the demo stack emits them).
 */
import type {
  CloudFormationClient,
  DescribeStacksCommandOutput,
} from '@aws-sdk/client-cloudformation';
import type { AwsSdk } from './aws-sdk.js';
import { AwsCallError } from './insights.js';

export const LOG_GROUPS_OUTPUT = 'LogGroupNames';

/** The stack has no usable `LogGroupNames` output. */
export class StackLookupError extends Error {
  override name = 'StackLookupError';
}

/**
 * The log group names of `stackName`'s `LogGroupNames` output.
 *
 * @throws StackLookupError when the output is missing or empty.
 * @throws AwsCallError when DescribeStacks fails.
 */
export const logGroupsOfStack = async (
  sdk: Pick<AwsSdk, 'cloudFormation'>,
  client: CloudFormationClient,
  stackName: string,
): Promise<string[]> => {
  const { DescribeStacksCommand } = sdk.cloudFormation;
  let output: DescribeStacksCommandOutput;
  try {
    output = await client.send(new DescribeStacksCommand({ StackName: stackName }));
  } catch (error) {
    throw new AwsCallError('DescribeStacks', error);
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
