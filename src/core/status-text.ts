/**
 * The reason phrase of an HTTP status (`404` -> `Not Found`), from Node's own table.
 *
 * `node:http` is loaded on the first error, not at import: the Lambda runtime has loaded it
 * already, but elsewhere importing it adds about 1 ms of CPU to every cold start, and a copy
 * of the table would add a kilobyte to every bundle.
 */
import type { STATUS_CODES } from 'node:http';
import { lazy } from './memo.js';

// Node 22.0-22.2 lack getBuiltinModule: their answers fall back to generic texts and codes.
const table = lazy(
  (): typeof STATUS_CODES => process.getBuiltinModule?.('node:http')?.STATUS_CODES ?? {},
);

export const statusText = (status: number): string | undefined => table()[status];
