/**
 * Output of `logs`: readable text for people, or one JSON object per line for programs.
 * Log lines carry client input (paths, headers) and thrown messages, so control characters
 * are escaped before they reach a terminal; newlines of stacks are printed as real newlines.
 */
import { isRecord } from '../core/read.js';
import { jsonLine, oneLine, safeText } from './escape.js';
import { str } from './fields.js';
import type { LogRecord } from './record.js';

const indent = (text: string, prefix: string): string =>
  safeText(text)
    .split(/\r?\n/)
    .map((line) => `${prefix}${line}`)
    .join('\n');

/** A one-line summary of an access log line, which has no `message`. */
const accessSummary = (line: Record<string, unknown>): string | undefined => {
  const method = str(line.httpMethod);
  const status = line.status;
  if (method === undefined || status === undefined) return undefined;
  const path = str(line.path) ?? str(line.resourcePath) ?? '';
  const latency = typeof line.latencyMs === 'number' ? ` (${line.latencyMs} ms)` : '';
  return `${method} ${path} -> ${String(status)}${latency}`;
};

/** The described error's stack (or `name: message`), then its causes, indented. */
const errorLines = (error: Record<string, unknown>, prefix: string, depth = 0): string[] => {
  const lines: string[] = [];
  const name = str(error.name) ?? 'Error';
  const message = str(error.message) ?? '';
  const stack = str(error.stack);
  lines.push(indent(stack ?? `${name}: ${message}`, prefix));
  const details = ['code', 'statusCode', 'fault']
    .filter((key) => error[key] !== undefined)
    .map((key) => `${key}=${oneLine(String(error[key]))}`);
  if (details.length > 0) lines.push(`${prefix}  (${details.join(', ')})`);
  if (error.circular === true) lines.push(`${prefix}  (circular: this error was described above)`);
  if (depth >= 16) return lines;
  if (isRecord(error.cause)) {
    lines.push(`${prefix}Caused by:`);
    lines.push(...errorLines(error.cause, `${prefix}  `, depth + 1));
  }
  if (Array.isArray(error.errors)) {
    error.errors.filter(isRecord).forEach((inner, index) => {
      lines.push(`${prefix}Error ${index + 1} of the aggregate:`);
      lines.push(...errorLines(inner, `${prefix}  `, depth + 1));
    });
  }
  return lines;
};

/** One record as text: `timestamp LEVEL message`, then the error's stack and causes. */
export const formatRecord = (record: LogRecord): string => {
  const { line } = record;
  if (line === undefined) {
    return `${oneLine(record.timestamp)} -     ${oneLine(record.raw.trim())}`;
  }
  const level = str(line.level) ?? (accessSummary(line) === undefined ? '-' : 'ACCESS');
  const message = str(line.message) ?? accessSummary(line) ?? JSON.stringify(line);
  const head = `${oneLine(record.timestamp)} ${oneLine(level).padEnd(5)} ${oneLine(message)}`;
  const lines = [head];
  const context = ['status', 'code', 'requestId']
    .filter(
      (key) => line[key] !== undefined && line[key] !== null && str(line.message) !== undefined,
    )
    .map((key) => `${key}=${oneLine(String(line[key]))}`);
  if (isRecord(line.error) && context.length > 0) lines.push(`    ${context.join(' ')}`);
  if (isRecord(line.error)) lines.push(...errorLines(line.error, '    '));
  return lines.join('\n');
};

/** All records as text, with a header. */
export const formatHuman = (traceId: string, records: readonly LogRecord[]): string => {
  const requestIds = new Set<string>();
  for (const { line } of records) {
    // Powertools' field: the access log's `requestId` is API Gateway's own id.
    const id = str(line?.function_request_id);
    if (id !== undefined) requestIds.add(id);
  }
  const ids = requestIds.size > 0 ? `, request id ${[...requestIds].map(oneLine).join(', ')}` : '';
  const header = `Trace ${traceId}: ${records.length} line${records.length === 1 ? '' : 's'}${ids}`;
  return [header, '', ...records.map(formatRecord)].join('\n');
};

/** One record as a JSON line: the parsed log line, or the raw line with where it came from. */
export const formatJson = (record: LogRecord): string => {
  if (record.line !== undefined) return jsonLine(record.line);
  const raw: Record<string, string> = { '@timestamp': record.timestamp, '@message': record.raw };
  if (record.logGroup !== undefined) raw['@log'] = record.logGroup;
  if (record.logStream !== undefined) raw['@logStream'] = record.logStream;
  return jsonLine(raw);
};

/** The X-Ray console page of a trace. */
export const xrayConsoleUrl = (region: string, traceId: string): string | undefined =>
  /^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)
    ? `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#xray:traces/${traceId}`
    : undefined;
