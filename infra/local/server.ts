/**
 * `npm run demo`: the demo routes on http://127.0.0.1:3000 (PORT overrides; 0 picks a free
 * port), each request run the way API Gateway and Lambda run it: an API Gateway REST proxy
 * event, a Lambda context with a deadline, and a fresh X-Ray trace per request, all inside
 * Lambda's per-invocation store so that concurrent requests never see each other's ids
 * (as on Lambda Managed Instances, where one process serves many invocations at once).
 *
 * Logs go to the console and to a JSON-lines file (DEMO_LOG_FILE, default .demo/logs.jsonl),
 * with one access log line per request as API Gateway writes them; `npm run logs -- <traceId>`
 * reads it. Unknown routes get the 404 API Gateway's gateway response gives.
 *
 * A small page on a second origin, http://127.0.0.1:3001 (PAGE_PORT overrides; 0 picks a free
 * port), calls the routes cross-origin and shows each error with its trace id (./page.ts).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { relative } from 'node:path';
import { localLogFile } from '../../src/cli/local.js';
import { routes } from '../handlers/routes.js';
import {
  apiGatewayEvent,
  type IncomingRequest,
  lambdaContext,
  newRequestId,
  newTrace,
} from './event.js';
import {
  type Answer,
  accessLine,
  answerOf,
  gatewayError,
  gatewayHeaders,
  readBody,
} from './gateway.js';
import { captureConsole, invoke, invokeErrorLine } from './invoke.js';
import { openLogSink } from './log-sink.js';
import { pageUrl, servePage } from './page.js';
import { type DemoHandler, loadRoutes } from './route-table.js';
import { functionUrlEvent, loadStreamRoute } from './stream-route.js';

// As Lambda sets it for on-demand environments: Powertools then logs `cold_start: true` on
// the first invocation of each function (each route has its own, see ./route-table.ts).
process.env.AWS_LAMBDA_INITIALIZATION_TYPE ||= 'on-demand';
// As the stack sets it on every function (infra/route-function.ts).
process.env.POWERTOOLS_METRICS_NAMESPACE ||= 'LambdaErrorNormalizerDemo';

const HOST = '127.0.0.1';

const handlers = await loadRoutes();
const serveStream = await loadStreamRoute();
/** The streamed route: a function URL in RESPONSE_STREAM mode on AWS (10 s timeout there). */
const STREAM_PATH = '/stream';
const STREAM_TIMEOUT_MS = 10_000;
const logFile = localLogFile(undefined);
const sink = openLogSink(logFile);
captureConsole();

const handle = async (req: IncomingMessage, res: ServerResponse, port: number): Promise<void> => {
  const receivedAt = Date.now();
  const started = performance.now();
  const apiRequestId = randomUUID();
  const { root: traceId, header: traceHeader } = newTrace(receivedAt);
  const method = req.method ?? 'GET';
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const route = method === 'GET' ? handlers.get(path) : undefined;
  let requestId: string | undefined;
  let answer: Answer | undefined;

  if (method === 'GET' && path === STREAM_PATH) {
    // Streamed as the function writes it; the access line then has no length to tell.
    requestId = newRequestId();
    const request = {
      method,
      url: req.url ?? '/',
      rawHeaders: req.rawHeaders,
      body: Buffer.alloc(0),
    };
    const event = functionUrlEvent(
      { ...request, sourceIp: req.socket.remoteAddress ?? HOST, port },
      traceHeader,
    );
    const context = lambdaContext('stream', requestId, Date.now(), STREAM_TIMEOUT_MS);
    const streamed: DemoHandler = (e, c) => serveStream(e as unknown as typeof event, c, res);
    try {
      await invoke(streamed, event as never, context, traceHeader, STREAM_TIMEOUT_MS);
    } catch (error) {
      process.stdout.write(`${invokeErrorLine(requestId, error)}\n`);
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'application/json' });
      res.end();
    }
    const status = res.statusCode;
    const latencyMs = Math.round(performance.now() - started);
    process.stdout.write(
      `${accessLine({ apiRequestId, requestId, traceId, ip: req.socket.remoteAddress, method, path, matched: true, status, httpVersion: req.httpVersion, responseLength: 0, latencyMs })}\n`,
    );
    return;
  }

  const body = await readBody(req);
  if (body === undefined) {
    answer = gatewayError(413, 'payload_too_large', 'Request too large.', traceId, apiRequestId);
  } else if (route === undefined) {
    answer = gatewayError(
      404,
      'not_found',
      'No route matches this method and path.',
      traceId,
      apiRequestId,
    );
  } else {
    requestId = newRequestId();
    const request: IncomingRequest = {
      method,
      url: req.url ?? '/',
      rawHeaders: req.rawHeaders,
      body,
      sourceIp: req.socket.remoteAddress ?? HOST,
      port,
    };
    const event = apiGatewayEvent(request, {
      apiRequestId,
      traceHeader,
      receivedAt,
      resource: path,
    });
    const context = lambdaContext(route.name, requestId, Date.now(), route.timeoutMs);
    try {
      answer = answerOf(await invoke(route.handler, event, context, traceHeader, route.timeoutMs));
      if (answer === undefined) {
        // API Gateway's execution log line for a result it rejects.
        process.stderr.write(
          `${JSON.stringify({ timestamp: new Date().toISOString(), level: 'ERROR', message: 'Execution failed due to configuration error: Malformed Lambda proxy response', traceId, requestId })}\n`,
        );
      }
    } catch (error) {
      // What the runtime logs when an invocation fails outside the handler's own error handling.
      process.stdout.write(`${invokeErrorLine(requestId, error)}\n`);
    }
    // A failed invocation or a result API Gateway rejects: API Gateway answers 502 itself.
    answer ??= gatewayError(502, 'server_error', 'Internal server error', traceId, apiRequestId);
  }

  const headers = { ...answer.headers, ...gatewayHeaders(apiRequestId, traceId) };
  res.writeHead(answer.statusCode, { ...headers, 'Content-Length': answer.body.length });
  process.stdout.write(
    `${accessLine({
      apiRequestId,
      requestId,
      traceId,
      ip: req.socket.remoteAddress,
      method,
      path,
      matched: route !== undefined,
      status: answer.statusCode,
      httpVersion: req.httpVersion,
      responseLength: answer.body.length,
      latencyMs: Math.round(performance.now() - started),
    })}\n`,
  );
  res.end(method === 'HEAD' ? undefined : answer.body);
};

const server = createServer((req, res) => {
  const port = (server.address() as AddressInfo).port;
  handle(req, res, port).catch((error: unknown) => {
    process.stderr.write(`[demo] request failed: ${(error as Error).stack ?? String(error)}\n`);
    if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
    res.end();
  });
});

const portFrom = (name: 'PORT' | 'PAGE_PORT', fallback: number): number => {
  const port = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    process.stderr.write(`[demo] invalid ${name} ${JSON.stringify(process.env[name])}\n`);
    process.exit(2);
  }
  return port;
};
/** The page's button for a path no route matches. */
const unknownRoute = { path: '/no-such-route', shows: "API Gateway's own 404" };

const requestedPort = portFrom('PORT', 3000);
const requestedPagePort = portFrom('PAGE_PORT', 3001);
let pageServer: Server | undefined;

server.on('error', (error: NodeJS.ErrnoException) => {
  process.stderr.write(
    error.code === 'EADDRINUSE'
      ? `[demo] port ${requestedPort} is in use: set PORT to another port (PORT=0 picks a free one)\n`
      : `[demo] server error: ${error.message}\n`,
  );
  sink.close();
  process.exit(1);
});

server.listen(requestedPort, HOST, async () => {
  const { port } = server.address() as AddressInfo;
  const base = `http://${HOST}:${port}`;
  const width = Math.max(...routes.map((route) => route.path.length));
  const relativeFile = relative(process.cwd(), logFile);
  const shownFile = relativeFile.startsWith('..') ? logFile : relativeFile;
  const fileOption =
    logFile === localLogFile(undefined, {}) ? '' : ` --file ${JSON.stringify(logFile)}`;
  // The page is an extra: when its port is taken, the API still runs.
  let pageLine: string;
  try {
    pageServer = await servePage(
      { apiBase: base, routes: [...routes, unknownRoute], logsSuffix: fileOption, logFile },
      requestedPagePort,
      HOST,
    );
    pageLine = `Page: ${pageUrl(pageServer)}  (another origin: calls the API cross-origin)`;
  } catch (error) {
    pageLine =
      (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
        ? `Page: off, port ${requestedPagePort} is in use (set PAGE_PORT; 0 picks a free one)`
        : `Page: off, ${(error as Error).message}`;
  }
  const lines = [
    `lambda-error-normalizer demo listening on ${base}`,
    '',
    'Routes:',
    ...routes.map(
      (route) => `  ${base}${route.path.padEnd(width)}  ${route.status}  ${route.shows}`,
    ),
    `  ${base}${STREAM_PATH.padEnd(width)}  200  streamed (a function URL on AWS); ?fail=before, ?fail=after`,
    `  ${base}/<anything else>  404  API Gateway's own answer, in the same JSON shape`,
    '',
    'Try it:',
    `  curl -i ${base}/boom`,
    '  # copy the X-Trace-Id header of the answer, then:',
    `  npm run logs -- <traceId>${fileOption}`,
    '  # the errors grouped by fingerprint, and new ones as they arrive:',
    `  npm run errors -- --group${fileOption}`,
    `  npm run errors -- --follow${fileOption}`,
    '',
    pageLine,
    `Logs: console and ${shownFile}`,
    'Stop: Ctrl+C',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
});

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\n[demo] ${signal}: shutting down\n`);
  pageServer?.close();
  pageServer?.closeAllConnections();
  server.close(() => {
    sink.close();
    process.exit(0);
  });
  server.closeIdleConnections();
  // Requests still running get a moment to finish (/slow takes 3 s), then are cut.
  setTimeout(() => server.closeAllConnections(), 4_000).unref();
  setTimeout(() => {
    sink.close();
    process.exit(0);
  }, 5_000).unref();
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
