/**
 * Saved Logs Insights queries (`AWS::Logs::QueryDefinition`), filed in a folder of the console
 * (the `/` in their names): the CLI's own query texts, so the console and `errors` / `logs`
 * answer the same question the same way.
 */
import * as logs from 'aws-cdk-lib/aws-logs';
import { Stack } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';
import { errorGroupsQuery, errorsQuery, traceQuery } from '../cli/queries.js';

/**
 * A well-formed trace id nobody will ever get: the by-trace-id query filters on it, to be
 * replaced by the trace id to look for (saved queries take no parameters).
 * @example
 * ```ts
 * const query = savedQuery.replace(PLACEHOLDER_TRACE_ID, '1-5759e988-bd862e3fe1be46a994272793');
 * ```
 */
export const PLACEHOLDER_TRACE_ID = '1-00000000-000000000000000000000000';

/**
 * The folder of a construct's saved queries when `queryFolder` is not given: the stack name, then
 * the construct's path inside the stack (`Shop/ErrorMonitoring`, `Shop/Orders/Monitoring`).
 * Construct paths are unique in a stack, and stack names in an account and region, so two
 * constructs never share it. Always the path, even for a stack's only construct: a folder that depended on
 * whether the stack had another `ErrorMonitoring` would rename the first one's queries when a
 * second is added, and the folder alone would not say which construct a query belongs to.
 *
 * @param scope - the `ErrorMonitoring`.
 * @returns the folder, e.g. `Shop/ErrorMonitoring`.
 * @example
 * ```ts
 * defaultQueryFolder(monitoring); // 'Shop/ErrorMonitoring'
 * ```
 */
export const defaultQueryFolder = (scope: Construct): string => {
  const stack = Stack.of(scope);
  const scopes = scope.node.scopes;
  const inStack = scopes.slice(scopes.indexOf(stack) + 1).map((s) => s.node.id);
  return [stack.stackName, ...inStack].join('/');
};

/**
 * The saved queries' names under `folder`.
 * @param folder - the Logs Insights folder of the queries.
 * @returns the three queries' full names.
 * @example
 * ```ts
 * savedQueryNames('orders').byTraceId; // 'orders/lines-by-trace-id'
 * ```
 */
export const savedQueryNames = (folder: string): SavedQueryNames => ({
  latestErrors: `${folder}/latest-errors`,
  byTraceId: `${folder}/lines-by-trace-id`,
  errorGroups: `${folder}/error-groups`,
});

/**
 * The names of the three saved Logs Insights queries, under one folder.
 * @example
 * ```ts
 * const { byTraceId }: SavedQueryNames = savedQueryNames('orders'); // the name to open in Logs Insights
 * ```
 */
export interface SavedQueryNames {
  /** The latest answered errors, newest first. */
  readonly latestErrors: string;
  /** Every line of one request, by its trace id (replace the placeholder id). */
  readonly byTraceId: string;
  /** The answered errors grouped by fingerprint, most frequent first. */
  readonly errorGroups: string;
}

/**
 * Adds the three saved queries.
 *
 * @param functionLogGroups - where the incident lines are.
 * @param allLogGroups - the function log groups and the access log, for the trace id query.
 * @returns the query definitions.
 */
export const addSavedQueries = (
  scope: Construct,
  folder: string,
  functionLogGroups: readonly string[],
  allLogGroups: readonly string[],
): logs.CfnQueryDefinition[] => {
  const names = savedQueryNames(folder);
  const define = (id: string, name: string, queryString: string, groups: readonly string[]) =>
    new logs.CfnQueryDefinition(scope, id, { name, queryString, logGroupNames: [...groups] });
  return [
    define('LatestErrorsQuery', names.latestErrors, errorsQuery(), functionLogGroups),
    define('TraceQuery', names.byTraceId, traceQuery(PLACEHOLDER_TRACE_ID), allLogGroups),
    define('ErrorGroupsQuery', names.errorGroups, errorGroupsQuery(), functionLogGroups),
  ];
};
