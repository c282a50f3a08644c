/**
 * examples/on-incident-eventbridge.ts, run as Lambda runs it, its real EventBridge client sent
 * to a local endpoint (AWS_ENDPOINT_URL_EVENTBRIDGE): the answered failure arrives as one
 * PutEvents entry carrying the fingerprint; a PutEvents refused changes nothing in the answer.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/lambda.js';
import { runExample } from './run-example.js';

let server: Server;
let refuse = false;
const received: Record<string, unknown>[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ target: request.headers['x-amz-target'], ...(JSON.parse(body) as object) });
      response.setHeader('content-type', 'application/x-amz-json-1.1');
      if (refuse) {
        response.statusCode = 400;
        response.end(
          JSON.stringify({ __type: 'AccessDeniedException', message: 'no PutEvents for you' }),
        );
        return;
      }
      response.end(JSON.stringify({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
});
afterAll(() => server.close());

const run = () =>
  runExample(
    'on-incident-eventbridge.ts',
    Object.assign(fixture('apigw-request.json'), { body: null }),
    {
      AWS_ENDPOINT_URL_EVENTBRIDGE: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'example-secret',
      INCIDENT_BUS: 'incidents',
    },
  );

describe('onIncident forwarding to EventBridge', () => {
  it('puts one event with the fingerprint of the log line', async () => {
    received.length = 0;
    const { result, logs, traceRoot } = await run();
    expect(result.statusCode).toBe(500);
    const line = logs.find((entry) => entry.level === 'ERROR');
    expect(received).toHaveLength(1);
    expect(received[0]?.target).toBe('AWSEvents.PutEvents');
    const [entry] = (received[0]?.Entries ?? []) as Record<string, string>[];
    expect(entry).toMatchObject({
      EventBusName: 'incidents',
      Source: 'shop.orders',
      DetailType: 'Server error answered',
    });
    expect(JSON.parse(entry?.Detail ?? '{}')).toMatchObject({
      fingerprint: line?.fingerprint,
      status: 500,
      code: 'internal_server_error',
      traceId: traceRoot,
      error: { name: 'Error', message: 'payment service unreachable' },
    });
    expect(logs.filter((entry) => entry.hook === 'onIncident')).toEqual([]);
  });

  it('a PutEvents refused leaves the answer as it was, and is logged once', async () => {
    refuse = true;
    const { result, logs } = await run();
    refuse = false;
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(String(result.body)).error).toBe('internal_server_error');
    const failed = logs.filter((entry) => entry.hook === 'onIncident');
    expect(failed).toHaveLength(1);
    expect(String(failed[0]?.message)).toContain('rejected');
    expect(JSON.stringify(failed[0]?.hookError)).toContain('AccessDeniedException');
  });
});
