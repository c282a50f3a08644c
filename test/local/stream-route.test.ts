/**
 * The local demo's `/stream` over a real socket: the streamified handler (real Middy, the
 * middleware's stream guard) behind `infra/local/stream-route.ts`, as the demo server serves it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext, newTrace } from '../../infra/local/event.js';
import { functionUrlEvent, loadStreamRoute } from '../../infra/local/stream-route.js';
import { captureOutput } from '../support/lambda.js';

let server: Server;
let base: string;
const traces = new Map<string, { root: string; requestId: string }>();

beforeAll(async () => {
  const serve = await loadStreamRoute();
  server = createServer((req, res) => {
    const { root, header } = newTrace();
    const requestId = crypto.randomUUID();
    traces.set(req.url ?? '', { root, requestId });
    process.env._X_AMZN_TRACE_ID = header;
    const event = functionUrlEvent(
      {
        method: 'GET',
        url: req.url ?? '/',
        rawHeaders: req.rawHeaders,
        body: Buffer.alloc(0),
        sourceIp: '127.0.0.1',
        port: 0,
      },
      header,
    );
    serve(event, lambdaContext('stream', requestId, Date.now(), 10_000), res).catch((error) => {
      res.destroy(error as Error);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  delete process.env._X_AMZN_TRACE_ID;
  await new Promise((resolve) => server.close(resolve));
});

const get = async (path: string) => {
  const output = captureOutput();
  try {
    const response = await fetch(`${base}${path}`);
    return { response, text: await response.text(), lines: output.logs() };
  } finally {
    output.restore();
  }
};

describe('local /stream', () => {
  it('streams the chunks with the status and headers of the prelude', async () => {
    const { response, text, lines } = await get('/stream');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(text).toBe('chunk 1 of 3\nchunk 2 of 3\nchunk 3 of 3\n');
    expect(lines.filter((line) => line.level === 'ERROR')).toEqual([]);
  });

  it('answers the contract when the handler fails before the first byte', async () => {
    const { response, text, lines } = await get('/stream?fail=before');
    const { root, requestId } = traces.get('/stream?fail=before') as {
      root: string;
      requestId: string;
    };
    expect(response.status).toBe(500);
    expect(response.headers.get('x-trace-id')).toBe(root);
    expect(JSON.parse(text)).toEqual({
      error: 'internal_server_error',
      message: expect.any(String),
      traceId: root,
      requestId,
    });
    expect(lines.filter((line) => line.level === 'ERROR')).toHaveLength(1);
  });

  it('ends the stream after the bytes already sent when it breaks midway, logged once', async () => {
    const { response, text, lines } = await get('/stream?fail=after');
    const { root } = traces.get('/stream?fail=after') as { root: string };
    expect(response.status).toBe(200);
    expect(text).toBe('chunk 1 of 3\nchunk 2 of 3\n');
    const errors = lines.filter((line) => line.level === 'ERROR');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ traceId: root, status: 500, eventSource: 'function-url' });
    expect(JSON.stringify(errors)).not.toContain('s3cr3t');
  });
});
