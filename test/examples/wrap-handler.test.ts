/**
 * The README's "Wrap a handler" example, run as written against a real REST event whose path
 * carries a widget id, with a widgets service on a local socket: found, missing, the service
 * failing, and the service unreachable.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/lambda.js';
import { runExample } from './run-example.js';

let service: Server;
let widgetsApi = '';

beforeAll(async () => {
  service = createServer((request, response) => {
    if (request.url === '/widgets/42') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: '42', name: 'sprocket' }));
    } else if (request.url === '/widgets/7') {
      response.writeHead(500).end('relation "widgets" does not exist');
    } else {
      response.writeHead(404).end();
    }
  });
  service.listen(0, '127.0.0.1');
  await once(service, 'listening');
  widgetsApi = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
});
afterAll(() => {
  service.close();
});

const widgetEvent = (id: string, headers: Record<string, string> = {}): APIGatewayProxyEvent => {
  const event = fixture<APIGatewayProxyEvent>('apigw-request.json');
  return {
    ...event,
    resource: '/widgets/{id}',
    path: `/widgets/${id}`,
    httpMethod: 'GET',
    body: null,
    pathParameters: { id },
    headers: { ...event.headers, ...headers },
  };
};
const body = (run: Awaited<ReturnType<typeof runExample>>) => JSON.parse(String(run.result.body));

describe('examples/wrap-handler.ts', () => {
  it('answers 200 with the widget', async () => {
    const run = await runExample('wrap-handler.ts', widgetEvent('42'), { WIDGETS_API: widgetsApi });
    expect(run.result.statusCode).toBe(200);
    expect(body(run)).toEqual({ id: '42', name: 'sprocket' });
    expect(run.logs.filter((line) => line.level === 'ERROR' || line.level === 'WARN')).toEqual([]);
  });

  it('answers a missing widget 404 with its message, logged once as WARN', async () => {
    const run = await runExample('wrap-handler.ts', widgetEvent('9'), { WIDGETS_API: widgetsApi });
    expect(run.result.statusCode).toBe(404);
    expect(body(run)).toEqual({
      error: 'not_found',
      message: 'No such widget',
      traceId: run.traceRoot,
      requestId: run.requestId,
    });
    expect(run.logs.filter((line) => line.level === 'WARN')).toHaveLength(1);
  });

  it('answers a failing service 500 with a generic message, the cause only in the log', async () => {
    const event = widgetEvent('7', { Origin: 'https://app.example' });
    const run = await runExample('wrap-handler.ts', event, { WIDGETS_API: widgetsApi });
    expect(run.result.statusCode).toBe(500);
    expect(body(run)).toMatchObject({ error: 'internal_server_error', traceId: run.traceRoot });
    expect(String(run.result.body)).not.toContain('Widgets service');
    const [line, ...more] = run.logs.filter((entry) => entry.level === 'ERROR');
    expect(more).toEqual([]);
    expect(JSON.stringify(line)).toContain('Widgets service answered 500');
    // A browser on another origin can read the answer and its trace id (http-cors + exposure).
    expect(run.result.headers).toMatchObject({
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Expose-Headers': expect.stringContaining('X-Trace-Id'),
    });
  });

  it('answers an unreachable service 502', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, 'close');
    const run = await runExample('wrap-handler.ts', widgetEvent('42'), {
      WIDGETS_API: `http://127.0.0.1:${port}`,
    });
    expect(run.result.statusCode).toBe(502);
    expect(body(run)).toMatchObject({ error: 'bad_gateway', traceId: run.traceRoot });
  });
});
