/**
 * Which lines make up one request, whatever wrote them. A request is found by its X-Ray trace
 * id; the Lambda request ids of the lines carrying it then bring in the lines that carry only
 * the request id: the runtime's own JSON lines (`console.log`, `Invoke Error`) and Lambda's
 * platform lines of unsampled requests.
 *
 * Shapes (Lambda LogFormat JSON, Powertools Logger, the demo's access log):
 * - Powertools: `xray_trace_id`, `function_request_id`; the middleware's report adds `traceId`
 *   and `requestId` (the Lambda request id).
 * - Runtime: `{"timestamp","level","requestId","message"}`.
 * - Platform: `{"time","type":"platform.report","record":{"requestId",…,"tracing"?:{"value":"Root=…;…"}}}`.
 * - Access log: `xrayTraceId` (API Gateway) or `traceId` (local demo), `integrationRequestId`;
 *   its own `requestId` is API Gateway's id, not Lambda's.
 */
import { isRecord } from '../core/read.js';
import { str } from './fields.js';
import { isRequestId } from './queries.js';
import { byTime, type LogRecord } from './record.js';

/** Whether the line is an API Gateway access log line. */
export const isAccessLine = (line: Record<string, unknown>): boolean =>
  line.type === 'access' || 'integrationRequestId' in line || 'xrayTraceId' in line;

/** The X-Ray root of a platform line's `record.tracing.value` (`Root=…;Parent=…;Sampled=…`). */
const platformTraceRoot = (line: Record<string, unknown>): string | undefined => {
  const tracing = isRecord(line.record) ? line.record.tracing : undefined;
  const value = isRecord(tracing) ? str(tracing.value) : undefined;
  return value === undefined ? undefined : /(?:^|;)\s*Root=([^;]+)/.exec(value)?.[1];
};

/** Whether a parsed line carries exactly `traceId`. */
export const carriesTrace = (line: Record<string, unknown>, traceId: string): boolean =>
  line.xray_trace_id === traceId ||
  line.traceId === traceId ||
  line.xrayTraceId === traceId ||
  platformTraceRoot(line) === traceId;

/** The Lambda request ids a line names, whichever field holds them. */
export const requestIdsOfLine = (line: Record<string, unknown>): string[] => {
  const ids = isAccessLine(line)
    ? [line.integrationRequestId]
    : [
        line.function_request_id,
        line.requestId,
        isRecord(line.record) ? line.record.requestId : undefined,
      ];
  return [...new Set(ids.filter(isRequestId))];
};

/** Whether a line belongs to one of `requestIds` (access lines belong by their trace id only). */
export const belongsToRequests = (
  line: Record<string, unknown>,
  requestIds: ReadonlySet<string>,
): boolean => !isAccessLine(line) && requestIdsOfLine(line).some((id) => requestIds.has(id));

/** The Lambda request ids of the lines that carry the trace. */
export const requestIdsOf = (records: readonly LogRecord[], traceId: string): string[] => {
  const ids = new Set<string>();
  for (const { line } of records) {
    if (line !== undefined && carriesTrace(line, traceId)) {
      for (const id of requestIdsOfLine(line)) ids.add(id);
    }
  }
  return [...ids];
};

const identity = (record: LogRecord): string =>
  record.pointer ?? `${record.logGroup ?? ''}\u0000${record.logStream ?? ''}\u0000${record.raw}`;

/** Both sets of lines in time order, each line once. */
export const mergeRecords = (...sets: readonly (readonly LogRecord[])[]): LogRecord[] => {
  const seen = new Set<string>();
  const merged: LogRecord[] = [];
  for (const record of sets.flat()) {
    const key = identity(record);
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(record);
  }
  return byTime(merged);
};
