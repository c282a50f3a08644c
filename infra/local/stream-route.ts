/**
 * The local demo's `/stream`: what a function URL in RESPONSE_STREAM mode does with a
 * streamified handler. The handler writes to a response stream; the HTTP integration prelude
 * (status and headers as JSON, then 8 NUL bytes) becomes the status line and headers, and the
 * bytes after it are piped to the client as they come.
 *
 * Outside Lambda there is no `awslambda` global: `installStreamingGlobals` provides the two
 * members streamed handlers use, behaving as `aws-lambda-ric` 4's do (which the runtime leg
 * runs the same handler in).
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import type { Context, LambdaFunctionURLEvent } from 'aws-lambda';
import { ACCOUNT_ID, type IncomingRequest, REGION, requestTime } from './event.js';

const PRELUDE_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';
const DELIMITER = Buffer.alloc(8);

/** The response stream a streamified handler receives, as far as handlers use it. */
interface ResponseStream extends Writable {
  setContentType(contentType: string): void;
  _onBeforeFirstWrite?: (write: (chunk: Uint8Array | string) => void) => void;
}

type StreamifiedHandler = (
  event: LambdaFunctionURLEvent,
  responseStream: ResponseStream,
  context: Context,
) => Promise<unknown>;

/** `awslambda.streamifyResponse` and `awslambda.HttpResponseStream`, unless Lambda's are there. */
export const installStreamingGlobals = (): void => {
  const global = globalThis as { awslambda?: Record<string, unknown> };
  if (typeof global.awslambda?.streamifyResponse === 'function') return;
  global.awslambda = {
    ...global.awslambda,
    streamifyResponse: (handler: StreamifiedHandler) => handler,
    HttpResponseStream: {
      from(stream: ResponseStream, prelude: Record<string, unknown>): ResponseStream {
        stream.setContentType(PRELUDE_CONTENT_TYPE);
        stream._onBeforeFirstWrite = (write) => {
          write(JSON.stringify(prelude));
          write(DELIMITER);
        };
        return stream;
      },
    },
  };
};

/** A response stream that answers `res` the way the function URL service reads the bytes. */
export const responseStreamTo = (res: ServerResponse): ResponseStream => {
  let contentType = 'application/octet-stream';
  let pending: Buffer | undefined = Buffer.alloc(0);
  let firstWrite = true;
  const start = (statusCode: number, headers: Record<string, string>) => {
    pending = undefined;
    res.writeHead(statusCode, headers);
  };
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (pending === undefined) return void res.write(chunk, () => done());
      if (contentType !== PRELUDE_CONTENT_TYPE) {
        start(200, { 'Content-Type': contentType });
        return void res.write(chunk, () => done());
      }
      // Status and headers come first, up to the delimiter.
      pending = Buffer.concat([pending, chunk]);
      const end = pending.indexOf(DELIMITER);
      if (end < 0) return void done();
      const prelude = JSON.parse(pending.subarray(0, end).toString('utf8')) as {
        statusCode?: number;
        headers?: Record<string, string>;
      };
      const rest = pending.subarray(end + DELIMITER.length);
      start(prelude.statusCode ?? 200, prelude.headers ?? {});
      if (rest.length === 0) return void done();
      res.write(rest, () => done());
    },
    final(done) {
      if (pending !== undefined) start(200, { 'Content-Type': contentType });
      res.end(() => done());
    },
  }) as ResponseStream;
  stream.setContentType = (value) => {
    contentType = value;
  };
  const write = stream.write.bind(stream);
  stream.write = ((chunk: unknown, ...rest: never[]) => {
    if (firstWrite) {
      firstWrite = false;
      stream._onBeforeFirstWrite?.((head) => write(head));
    }
    return write(chunk as string, ...rest);
  }) as typeof stream.write;
  return stream;
};

/** The function URL event (payload 2.0) of a `GET /stream` request. */
export const functionUrlEvent = (
  request: IncomingRequest,
  traceHeader: string,
): LambdaFunctionURLEvent => {
  const url = new URL(request.url, 'http://localhost');
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = (request.rawHeaders[i] ?? '').toLowerCase();
    const value = request.rawHeaders[i + 1] ?? '';
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  headers['x-amzn-trace-id'] = traceHeader;
  const now = Date.now();
  const query = Object.fromEntries(url.searchParams);
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: ACCOUNT_ID,
      apiId: 'localstreamurl',
      // The URL's own domain, as Lambda reports it (how a function URL event is told apart).
      domainName: `localstreamurl.lambda-url.${REGION}.on.aws`,
      domainPrefix: 'localstreamurl',
      http: {
        method: request.method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: requestTime(now),
      timeEpoch: now,
    },
    isBase64Encoded: false,
  };
};

/**
 * Loads the `/stream` handler (after installing the globals it needs at import) and returns
 * how to serve one request with it: the answer is streamed to `res` as it is written. Run it
 * inside the invocation's store context, like the other routes.
 */
export const loadStreamRoute = async () => {
  installStreamingGlobals();
  const { handler } = (await import('../handlers/stream.js')) as unknown as {
    handler: StreamifiedHandler;
  };
  return (event: LambdaFunctionURLEvent, context: Context, res: ServerResponse) =>
    handler(event, responseStreamTo(res), context);
};
