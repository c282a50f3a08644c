/**
 * Output of `errors`: a table of the latest answered errors and a count by code for people, or
 * one JSON object per error for programs.
 */
import type { AnsweredError } from './answered-errors.js';
import { countByCode } from './answered-errors.js';
import { cell, jsonLine } from './escape.js';
import { alignRows } from './table.js';

const COLUMNS = ['TIME', 'STATUS', 'CODE', 'FUNCTION', 'TRACE ID', 'REQUEST ID'] as const;

const cells = (error: AnsweredError): string[] =>
  [
    error.time,
    String(error.status),
    error.code,
    error.function ?? '-',
    error.traceId ?? '-',
    error.requestId ?? '-',
  ].map(cell);

/** The errors as an aligned table, then the count by code and how to see one request. */
export const formatErrors = (
  shown: readonly AnsweredError[],
  all: readonly AnsweredError[],
  window: string,
  logsCommand: string,
): string => {
  const rows = [COLUMNS.slice(), ...shown.map(cells)];
  const table = alignRows(rows);
  // Escaped once, before the widths: a logged code is a cell like the table's, on its row.
  const counted = countByCode(all).map(([code, count]) => [cell(code), count] as const);
  const codeWidth = Math.max(...counted.map(([code]) => code.length));
  const heading =
    shown.length === all.length
      ? `${all.length} answered error${all.length === 1 ? '' : 's'} in the last ${cell(window)}, newest first:`
      : `${all.length} answered errors in the last ${cell(window)}; the latest ${shown.length}, newest first:`;
  const example = shown.find((error) => error.traceId !== undefined)?.traceId ?? '<traceId>';
  return [
    heading,
    '',
    ...table,
    '',
    'By code:',
    ...counted.map(([code, count]) => `  ${code.padEnd(codeWidth)}  ${count}`),
    '',
    `Every line of one request: ${logsCommand} ${cell(example)}`,
    '',
  ].join('\n');
};

/** One error as a JSON line. */
export const formatErrorJson = (error: AnsweredError): string => jsonLine(error);
