/**
 * `--stack` on any stack that uses the constructs: the outputs `ErrorMonitoring` writes, as
 * CloudFormation returns them once deployed (each `Ref` resolved to a physical name), read back
 * by the CLI through a mocked DescribeStacks.
 */
import * as cloudFormationSdk from '@aws-sdk/client-cloudformation';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiErrorContract } from '../../src/cdk/api-error-contract.js';
import { ErrorMonitoring } from '../../src/cdk/error-monitoring.js';
import { isLogGroupsOutput, logGroupsOfStack } from '../../src/cli/stack.js';
import { synth, userFunction, userStack } from '../cdk/user-stack.js';

const sdk = { cloudFormation: cloudFormationSdk };
const cloudFormation = mockClient(CloudFormationClient);
const cfn = new CloudFormationClient({ region: 'eu-west-1' });
afterEach(() => cloudFormation.reset());

/** What CloudFormation shows for an output value: `{Ref: X}` is X's physical name. */
const deployedValue = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const { Ref, 'Fn::Join': join } = value as { Ref?: string; 'Fn::Join'?: [string, unknown[]] };
  if (Ref !== undefined) return `physical-${Ref}`;
  if (join !== undefined) return join[1].map(deployedValue).join(join[0]);
  throw new Error(`Unexpected output value ${JSON.stringify(value)}`);
};

const deployedOutputs = (outputs: Record<string, { Value: unknown }>) =>
  Object.entries(outputs).map(([OutputKey, { Value }]) => ({
    OutputKey,
    OutputValue: deployedValue(Value),
  }));

const answer = (Outputs: { OutputKey: string; OutputValue: string }[]) =>
  cloudFormation.on(DescribeStacksCommand, { StackName: 'users' }).resolves({
    Stacks: [
      { StackName: 'users', CreationTime: new Date(), StackStatus: 'CREATE_COMPLETE', Outputs },
    ],
  });

describe('--stack on a user stack with the constructs', () => {
  it('finds every function log group and the access log of each ErrorMonitoring', async () => {
    const { stack } = userStack();
    const orders = userFunction(stack, 'Orders');
    const users = userFunction(stack, 'Users');
    const api = new apigw.RestApi(stack, 'Api');
    api.root.addResource('orders').addMethod('GET', new apigw.LambdaIntegration(orders));
    const contract = new ApiErrorContract(stack, 'ErrorContract', { api });
    new ErrorMonitoring(stack, 'OrdersMonitoring', { functions: [orders], api: contract });
    new ErrorMonitoring(stack, 'UsersMonitoring', { functions: [users], queryFolder: false });
    const { template, resources } = synth(stack);
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    answer([{ OutputKey: 'ApiUrl', OutputValue: 'https://x' }, ...deployedOutputs(outputs)]);

    const groups = Object.entries(resources)
      .filter(([, r]) => r.Type === 'AWS::Logs::LogGroup')
      .map(([id]) => `physical-${id}`);
    const found = await logGroupsOfStack(sdk, cfn, 'users');
    expect(found.sort()).toEqual(groups.sort());
    expect(found).toHaveLength(3);
  });

  it('merges the demo LogGroupNames output without repeats', async () => {
    answer([
      { OutputKey: 'LogGroupNames', OutputValue: 'a,b' },
      { OutputKey: 'ErrorNormalizerLogGroupsX', OutputValue: 'b, c' },
      { OutputKey: 'OtherLogGroups', OutputValue: 'd' },
    ]);
    await expect(logGroupsOfStack(sdk, cfn, 'users')).resolves.toEqual(['a', 'b', 'c']);
  });

  it('recognizes only its own output keys', () => {
    expect(isLogGroupsOutput('ErrorNormalizerLogGroupsMonitoringABC')).toBe(true);
    expect(isLogGroupsOutput('LogGroupNames')).toBe(true);
    expect(isLogGroupsOutput('MyLogGroupNames')).toBe(false);
    expect(isLogGroupsOutput(undefined)).toBe(false);
  });
});
