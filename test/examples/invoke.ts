/**
 * Runs one example's `handler` once, as Lambda would, in this process: `node --import tsx
 * test/examples/invoke.ts examples/x.ts < event.json`. The example imports the package by
 * name (tsx maps it to the source through tsconfig `paths`). Prints the context's request id
 * and the handler's result on marked stdout lines; the example's logs go where its Logger
 * writes them.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lambdaContext } from '../../infra/local/event.js';

/** Marks this runner's own lines (run-example.ts reads them). */
const MARK = '@@example ';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: invoke.ts <example.ts> < event.json');
const event: unknown = JSON.parse(readFileSync(0, 'utf8'));
const example = (await import(pathToFileURL(resolve(file)).href)) as {
  handler?: (event: unknown, context: unknown) => Promise<unknown>;
};
if (typeof example.handler !== 'function') throw new Error(`${file} exports no handler`);
const context = lambdaContext('example', randomUUID(), Date.now(), 10_000);
process.stdout.write(`${MARK}${JSON.stringify({ requestId: context.awsRequestId })}\n`);
const result = await example.handler(event, context);
process.stdout.write(`${MARK}${JSON.stringify({ result })}\n`);
