/**
 * A Lambda Runtime API (the documented 2018-06-01 interface) for one function: it hands queued
 * invocations to `GET /runtime/invocation/next`, at most `maxConcurrency` at a time as Lambda
 * does, and collects what the runtime posts back: a buffered response, a streamed response
 * (chunked, with error trailers), an invocation error or an init error.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const PREFIX = '/2018-06-01/runtime';

/** One invocation to hand to the runtime. */
export interface Invocation {
  event: unknown;
  /** `Lambda-Runtime-Trace-Id`, the full `Root=…;Parent=…;Sampled=…` header. */
  traceHeader: string;
  /** How long the function may run, from the moment the runtime receives the invocation. */
  timeoutMs: number;
  clientContext?: unknown;
  cognitoIdentity?: unknown;
}

/** What the runtime posted back for one invocation. */
export interface Outcome {
  requestId: string;
  kind: 'response' | 'error';
  /** Whether the response came as `Lambda-Runtime-Function-Response-Mode: streaming`. */
  streaming: boolean;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** HTTP trailers of a streamed response (`lambda-runtime-function-error-type`...). */
  trailers: Record<string, string | undefined>;
  /** `performance.now()` when `next` handed the invocation out (the bench times from it). */
  handedOutAt: number;
  /** `performance.now()` when the response or error POST arrived, before its body was read. */
  postedAt: number;
}

interface Pending extends Invocation {
  requestId: string;
  resolve: (outcome: Outcome) => void;
  handedOutAt?: number;
}

const readBody = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

export class RuntimeApi {
  /** The most invocations the runtime held at once. */
  maxInFlight = 0;
  /** Error documents posted to `/runtime/init/error`. */
  readonly initErrors: unknown[] = [];
  /**
   * `performance.now()` of each `GET /runtime/invocation/next` as it arrived: the first is
   * where Lambda's init ends (the runtime is ready for its first event).
   */
  readonly nextAt: number[] = [];
  /**
   * Called synchronously when a `next` arrives (before it is answered) and when a POST's body
   * is in (before it is answered): moments when the runtime is waiting on this server, so what
   * it has done so far is done (the bench reads its CPU time there).
   */
  observe: ((moment: 'next' | 'posted') => void) | undefined;
  private readonly queue: Pending[] = [];
  private readonly inFlight = new Map<string, Pending>();
  private readonly waiting: ServerResponse[] = [];
  private readonly server = createServer((req, res) => {
    this.route(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });

  constructor(
    private readonly functionArn: string,
    private readonly maxConcurrency = 1,
  ) {}

  /** Starts listening; resolves to the `host:port` for `AWS_LAMBDA_RUNTIME_API`. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Queues an invocation; resolves once the runtime posted its response or error. */
  invoke(invocation: Invocation): Promise<Outcome> {
    return new Promise((resolve) => {
      this.queue.push({ ...invocation, requestId: randomUUID(), resolve });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    for (const res of this.waiting.splice(0)) res.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private dispatch(): void {
    while (this.queue.length > 0 && this.waiting.length > 0) {
      if (this.inFlight.size >= this.maxConcurrency) return;
      const next = this.queue.shift() as Pending;
      const res = this.waiting.shift() as ServerResponse;
      this.inFlight.set(next.requestId, next);
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight.size);
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        'Lambda-Runtime-Aws-Request-Id': next.requestId,
        'Lambda-Runtime-Deadline-Ms': String(Date.now() + next.timeoutMs),
        'Lambda-Runtime-Invoked-Function-Arn': this.functionArn,
        'Lambda-Runtime-Trace-Id': next.traceHeader,
      };
      if (next.clientContext !== undefined) {
        headers['Lambda-Runtime-Client-Context'] = JSON.stringify(next.clientContext);
      }
      if (next.cognitoIdentity !== undefined) {
        headers['Lambda-Runtime-Cognito-Identity'] = JSON.stringify(next.cognitoIdentity);
      }
      res.writeHead(200, headers).end(JSON.stringify(next.event));
      next.handedOutAt = performance.now();
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrivedAt = performance.now();
    const url = req.url ?? '';
    if (req.method === 'GET' && url === `${PREFIX}/invocation/next`) {
      this.nextAt.push(arrivedAt);
      this.observe?.('next');
      this.waiting.push(res);
      res.once('close', () => {
        const index = this.waiting.indexOf(res);
        if (index >= 0) this.waiting.splice(index, 1);
      });
      this.dispatch();
      return;
    }
    if (req.method === 'POST' && url === `${PREFIX}/init/error`) {
      this.initErrors.push(JSON.parse((await readBody(req)).toString('utf8')));
      res.writeHead(202, { 'Content-Type': 'application/json' }).end('{"status":"OK"}');
      return;
    }
    const match = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/.exec(url);
    const pending = match && this.inFlight.get(decodeURIComponent(match[1] as string));
    if (req.method !== 'POST' || !match || !pending) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ errorType: 'InvalidRequestID', errorMessage: `No ${url}` }));
      return;
    }
    // The body (trailers included) is read in full before the runtime is answered: a streamed
    // response is only over when its last chunk came.
    const body = await readBody(req);
    this.observe?.('posted');
    this.inFlight.delete(pending.requestId);
    res.writeHead(202, { 'Content-Type': 'application/json' }).end('{"status":"OK"}');
    pending.resolve({
      requestId: pending.requestId,
      kind: match[2] as Outcome['kind'],
      streaming: req.headers['lambda-runtime-function-response-mode'] === 'streaming',
      headers: req.headers,
      body,
      trailers: { ...req.trailers },
      handedOutAt: pending.handedOutAt ?? Number.NaN,
      postedAt: arrivedAt,
    });
    this.dispatch();
  }
}

/** The HTTP integration response of a streamed body: prelude, 8 NUL bytes, then the body. */
export interface StreamedHttpResponse {
  prelude: { statusCode?: number; headers?: Record<string, string>; cookies?: string[] };
  body: Buffer;
}

const DELIMITER = Buffer.alloc(8);

/** Splits a streamed body sent with `application/vnd.awslambda.http-integration-response`. */
export const parseHttpIntegration = (outcome: Outcome): StreamedHttpResponse => {
  if (outcome.headers['content-type'] !== 'application/vnd.awslambda.http-integration-response') {
    throw new Error(`Not an HTTP integration response: ${outcome.headers['content-type']}`);
  }
  const end = outcome.body.indexOf(DELIMITER);
  if (end < 0) throw new Error('No prelude delimiter in the streamed body');
  return {
    prelude: JSON.parse(outcome.body.subarray(0, end).toString('utf8')),
    body: outcome.body.subarray(end + DELIMITER.length),
  };
};
