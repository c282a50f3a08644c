/**
 * `--stack`: the log groups a CloudFormation stack lists in its outputs: every
 * `ErrorNormalizerLogGroups*` output (one per `ErrorMonitoring` of `lambda-error-normalizer/cdk`)
 * and the demo's `LogGroupNames`, each comma-separated, merged without repeats.
 */
import type {
  CloudFormationClient,
  DescribeStacksCommandOutput,
} from '@aws-sdk/client-cloudformation';
import { LEGACY_LOG_GROUPS_OUTPUT, LOG_GROUPS_OUTPUT_PREFIX } from '../cdk/output-keys.js';
import type { AwsSdk } from './aws-sdk.js';
import { AwsCallError } from './insights.js';

/** The demo stack's output (stacks deployed before the constructs have only this one). */
export const LOG_GROUPS_OUTPUT = LEGACY_LOG_GROUPS_OUTPUT;

/** The stack has no usable log groups output. */
export class StackLookupError extends Error {
  override name = 'StackLookupError';
}

/** Whether an output key lists log groups. */
export const isLogGroupsOutput = (key: string | undefined): boolean =>
  key !== undefined && (key === LOG_GROUPS_OUTPUT || key.startsWith(LOG_GROUPS_OUTPUT_PREFIX));

/**
 * The log group names of `stackName`'s log groups outputs, in output order, without repeats.
 *
 * @throws StackLookupError when no such output lists a name.
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
  const names = new Set<string>();
  for (const entry of output.Stacks?.[0]?.Outputs ?? []) {
    if (!isLogGroupsOutput(entry.OutputKey)) continue;
    for (const name of (entry.OutputValue ?? '').split(',')) {
      if (name.trim().length > 0) names.add(name.trim());
    }
  }
  if (names.size === 0) {
    throw new StackLookupError(
      `Stack ${stackName} has no ${LOG_GROUPS_OUTPUT_PREFIX}… (ErrorMonitoring) or ${LOG_GROUPS_OUTPUT} output; name the log groups with --log-group`,
    );
  }
  return [...names];
};

/**
 * The log groups a command reads: those of `--stack` (through a CloudFormation client it makes
 * and destroys), else the `--log-group` names as given, each once (a group read twice would
 * list its lines twice and count its errors twice).
 *
 * @param options - the parsed `stack`, `region` and `logGroups`.
 * @param makeClient - the caller's CloudFormation client factory (tests), if any.
 * @returns the log group names.
 */
export const logGroupsToRead = async (
  options: {
    stack?: string | undefined;
    region?: string | undefined;
    logGroups: readonly string[];
  },
  sdk: Pick<AwsSdk, 'cloudFormation'>,
  makeClient?: (region: string | undefined) => CloudFormationClient,
): Promise<string[]> => {
  if (options.stack === undefined) return [...new Set(options.logGroups)];
  const regionConfig = options.region === undefined ? {} : { region: options.region };
  const client =
    makeClient?.(options.region) ?? new sdk.cloudFormation.CloudFormationClient(regionConfig);
  try {
    return await logGroupsOfStack(sdk, client, options.stack);
  } finally {
    client.destroy();
  }
};
