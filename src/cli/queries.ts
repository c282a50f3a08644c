/**
 * The Logs Insights query strings. Only validated ids reach them: a trace id (`isTraceId`) and
 * Lambda request ids (UUIDs), so nothing a user types can change a query's meaning.
 */
import { isUuid } from '../core/patterns.js';
import { isTraceId } from '../core/trace-id.js';
import { type StatusFilter, statusClause } from './status-filter.js';

const FIELDS = 'fields @timestamp, @message, @logStream, @log';

/** Whether `value` is a Lambda request id (`context.awsRequestId`): a UUID. */
export const isRequestId = isUuid;

/**
 * Most request ids one follow-up query names. A trace rarely has more than a few (retries);
 * the cap keeps the query string far below its length limit.
 */
export const MAX_REQUEST_IDS = 50;

/** The lines that mention `traceId` anywhere (Powertools, the middleware, the access log, platform lines). */
export const traceQuery = (traceId: string): string => {
  if (!isTraceId(traceId)) throw new TypeError(`Not an X-Ray trace id: ${JSON.stringify(traceId)}`);
  return [FIELDS, `filter @message like "${traceId}"`, 'sort @timestamp asc'].join(' | ');
};

/**
 * Every line of those Lambda requests: the function's own lines (the runtime's `requestId`,
 * Powertools' `function_request_id`) and Lambda's platform lines (`record.requestId`).
 */
export const requestQuery = (requestIds: readonly string[]): string => {
  if (requestIds.length === 0 || requestIds.length > MAX_REQUEST_IDS) {
    throw new RangeError(`Between 1 and ${MAX_REQUEST_IDS} request ids`);
  }
  for (const id of requestIds) {
    if (!isRequestId(id)) throw new TypeError(`Not a Lambda request id: ${JSON.stringify(id)}`);
  }
  const list = `[${requestIds.map((id) => `"${id}"`).join(', ')}]`;
  return [
    FIELDS,
    `filter requestId in ${list} or function_request_id in ${list} or record.requestId in ${list}`,
    'sort @timestamp asc',
  ].join(' | ');
};

/**
 * The middleware's report lines: ERROR or WARN lines with a `status` and a `code` (the answered
 * errors, maintenance answers included, whatever their message says), newest first.
 */
export const errorsQuery = (status?: StatusFilter): string =>
  [
    FIELDS,
    `filter ispresent(status) and ispresent(code) and (level = "ERROR" or level = "WARN")${status === undefined ? '' : ` and ${statusClause(status)}`}`,
    'sort @timestamp desc',
  ].join(' | ');

/** Most rows of a `stats` query (Logs Insights' cap for aggregated results). */
export const MAX_GROUPS = 10_000;

const GROUPED =
  'filter ispresent(fingerprint) and ispresent(status) and (level = "ERROR" or level = "WARN")';

/**
 * The answered errors grouped by `fingerprint` (one row per failure, see the fingerprint recipe),
 * most frequent first. Logs Insights caps a result at 10,000 rows, and first/last seen cover
 * only the queried window.
 *
 * @param limit - most groups returned (1 to 10,000).
 * @param status - only these statuses (`--status`).
 * @returns the query string, for the CLI's `errors --group`, the dashboard and the saved query.
 */
export const errorGroupsQuery = (limit = 100, status?: StatusFilter): string => {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_GROUPS) {
    throw new RangeError('limit: a whole number from 1 to 10,000');
  }
  return [
    status === undefined ? GROUPED : `${GROUPED} and ${statusClause(status)}`,
    'stats count(*) as count, earliest(@timestamp) as firstSeen, latest(@timestamp) as lastSeen, latest(status) as status, latest(code) as code, latest(error.message) as message, latest(traceId) as traceId by fingerprint',
    'sort count desc',
    `limit ${limit}`,
  ].join(' | ');
};

/**
 * The fingerprints seen at all (over the baseline before the window): what makes a group of
 * the window new or not. At most 10,000 (Logs Insights' cap for a `stats` result).
 */
export const fingerprintsQuery = (status?: StatusFilter): string =>
  [
    status === undefined ? GROUPED : `${GROUPED} and ${statusClause(status)}`,
    'stats count(*) as count by fingerprint',
    `limit ${MAX_GROUPS}`,
  ].join(' | ');
