/**
 * Which log group a monitored function writes to. A metric filter needs a log group that exists
 * at deploy time, and Lambda creates `/aws/lambda/<name>` only on the first invocation, so the
 * group must be one the stack manages (or one CDK pre-creates).
 */

import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Annotations, Stack } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';

/**
 * A function to monitor, with the log group it writes to when CDK cannot tell.
 * @example
 * ```ts
 * const imported: FunctionWithLogGroup = { function: fn, logGroup: logs.LogGroup.fromLogGroupName(this, 'Logs', '/aws/lambda/orders') };
 * ```
 */
export interface FunctionWithLogGroup {
  /** The function. */
  readonly function: lambda.IFunction;
  /** Its log group (an existing one: `logs.LogGroup.fromLogGroupName(...)`). */
  readonly logGroup: logs.ILogGroup;
}

/**
 * A function built in the stack, or an imported one with its log group.
 * @example
 * ```ts
 * new ErrorMonitoring(this, 'Errors', { functions: [ordersFn, imported] });
 * ```
 */
export type MonitoredFunction = lambda.IFunction | FunctionWithLogGroup;

/** A function and its log group, resolved. */
export interface ResolvedFunction {
  readonly fn: lambda.IFunction;
  readonly logGroup: logs.ILogGroup;
}

const hasOwnLogGroup = (fn: lambda.Function): boolean => {
  const config = Stack.of(fn).resolve((fn.node.defaultChild as lambda.CfnFunction).loggingConfig) as
    | { logGroup?: unknown }
    | undefined;
  // `logGroup` prop, or the CDK-managed log group of the useCdkManagedLogGroup feature flag.
  return (
    config?.logGroup !== undefined || fn.node.tryFindChild('LogGroup') instanceof logs.LogGroup
  );
};

/**
 * The function and the log group it writes to.
 *
 * @throws Error for an imported function given without its log group.
 */
export const resolveFunction = (scope: Construct, entry: MonitoredFunction): ResolvedFunction => {
  if ('function' in entry && 'logGroup' in entry)
    return { fn: entry.function, logGroup: entry.logGroup };
  const fn = entry as lambda.IFunction;
  if (!(fn instanceof lambda.Function)) {
    throw new Error(
      `${scope.node.path}: ${fn.node.path} is not a lambda.Function of this app: pass { function, logGroup } with its log group`,
    );
  }
  if (!hasOwnLogGroup(fn)) {
    Annotations.of(scope).addInfo(
      `${fn.node.path} has no logGroup of its own: CDK pre-creates /aws/lambda/<name> with a custom resource (Custom::LogRetention). Give the function a logGroup to avoid it and set a retention.`,
    );
  }
  return { fn, logGroup: fn.logGroup };
};
