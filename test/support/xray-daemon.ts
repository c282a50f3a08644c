/**
 * The real X-Ray SDK (through Powertools Tracer) in simulated Lambda mode: a UDP "daemon" on
 * 127.0.0.1 that keeps every datagram the SDK sends, and the Tracer loaded after the variables
 * Lambda sets (the SDK reads them when it loads).
 */
import { createSocket } from 'node:dgram';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';

/** The fields of a segment document the tests read. */
export type XraySegment = {
  name: string;
  trace_id: string;
  type?: string;
  fault?: boolean;
  error?: boolean;
  cause?: { exceptions: Array<{ message: string; type: string }> };
  annotations?: Record<string, string | number | boolean>;
};

export interface LambdaTracer {
  tracer: Tracer;
  captureLambdaHandler: typeof captureLambdaHandler;
}

export interface XrayDaemon extends LambdaTracer {
  /** Every datagram received, as text: a JSON header line, then the segment document. */
  datagrams: string[];
  /** The segment document of every datagram, parsed. */
  segments: XraySegment[];
  /** The segments of `traceId`, once `count` came or after 5 s (what came by then). */
  segmentsOf: (traceId: string, count?: number) => Promise<XraySegment[]>;
  /**
   * The datagrams naming `traceId`, once `count` came or after 5 s, then a moment more so a
   * late extra document is included too.
   */
  datagramsOf: (traceId: string, count: number) => Promise<string[]>;
  close: () => void;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Sets what Lambda sets, with the daemon at `daemonAddress`, then imports Powertools Tracer
 * (so the X-Ray SDK loads in Lambda mode) and returns a Tracer for `serviceName`.
 */
export const lambdaTracer = async (
  daemonAddress: string,
  serviceName: string,
): Promise<LambdaTracer> => {
  Object.assign(process.env, {
    AWS_XRAY_DAEMON_ADDRESS: daemonAddress,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    LAMBDA_TASK_ROOT: '/var/task',
    _HANDLER: 'index.handler',
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
  });
  const { Tracer } = await import('@aws-lambda-powertools/tracer');
  const middleware = await import('@aws-lambda-powertools/tracer/middleware');
  return {
    tracer: new Tracer({ serviceName }),
    captureLambdaHandler: middleware.captureLambdaHandler,
  };
};

/** A UDP port on 127.0.0.1 that was bound, then released: nothing listens there. */
export const unreachableDaemonAddress = async (): Promise<string> => {
  const socket = createSocket('udp4');
  await new Promise<void>((done) => socket.bind(0, '127.0.0.1', done));
  const { port } = socket.address();
  await new Promise<void>((done) => socket.close(done));
  return `127.0.0.1:${port}`;
};

/** Opens the daemon socket, then loads the Tracer pointed at it (see `lambdaTracer`). */
export const startXrayDaemon = async (serviceName: string): Promise<XrayDaemon> => {
  const daemon = createSocket('udp4');
  const datagrams: string[] = [];
  const segments: XraySegment[] = [];
  daemon.on('message', (packet) => {
    const text = packet.toString('utf8');
    datagrams.push(text);
    const document = text.split('\n')[1];
    if (document) segments.push(JSON.parse(document) as XraySegment);
  });
  await new Promise<void>((done) => daemon.bind(0, '127.0.0.1', done));
  const loaded = await lambdaTracer(`127.0.0.1:${daemon.address().port}`, serviceName);

  const segmentsOf = async (traceId: string, count = 1): Promise<XraySegment[]> => {
    const mine = () => segments.filter((segment) => segment.trace_id === traceId);
    for (let waited = 0; waited < 5_000 && mine().length < count; waited += 20) await sleep(20);
    return mine();
  };
  const datagramsOf = async (traceId: string, count: number): Promise<string[]> => {
    const mine = () => datagrams.filter((datagram) => datagram.includes(traceId));
    for (let waited = 0; waited < 5_000 && mine().length < count; waited += 10) await sleep(10);
    await sleep(20);
    return mine();
  };
  return { ...loaded, datagrams, segments, segmentsOf, datagramsOf, close: () => daemon.close() };
};
