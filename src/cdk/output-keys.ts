/**
 * The stack output keys the CLI reads (`errors --stack NAME`, `logs --stack NAME`). No CDK
 * import: the CLI loads this file without `aws-cdk-lib`.
 */

/**
 * Prefix of every `ErrorMonitoring` output listing its log groups (comma-separated).
 * @example
 * ```ts
 * const outputs = stack.Outputs?.filter((o) => o.OutputKey?.startsWith(LOG_GROUPS_OUTPUT_PREFIX));
 * ```
 */
export const LOG_GROUPS_OUTPUT_PREFIX = 'ErrorNormalizerLogGroups';

/** The demo stack's own output of the same list (kept for stacks deployed before the constructs). */
export const LEGACY_LOG_GROUPS_OUTPUT = 'LogGroupNames';
