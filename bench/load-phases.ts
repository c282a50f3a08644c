/**
 * The load phases of `npm run load`: one autocannon run over a list of paths, bounded in count
 * and by a deadline, recording every answer (checked against the contract) with its latency.
 */
import { createRequire } from 'node:module';
import { type Answer, checkAnswer, type Phase, type ResponseHeaders } from './load-contract.js';
import { HOST } from './load-server.js';

// autocannon 9 (CommonJS, no bundled types): the part of its API used here.
interface AcRequest {
  method: string;
  path: string;
  onResponse?: (status: number, body: string, context: unknown, headers: ResponseHeaders) => void;
}
interface AcHistogram {
  average: number;
  p50: number;
  p99: number;
  max: number;
}
export interface AcResult {
  duration: number;
  errors: number;
  timeouts: number;
  latency: AcHistogram;
  requests: AcHistogram & { sent: number; total: number };
  statusCodeStats: Record<string, { count: number }>;
}
interface AcInstance {
  on(
    event: 'response',
    listener: (client: unknown, status: number, bytes: number, ms: number) => void,
  ): void;
  on(event: 'reqError', listener: (error: Error) => void): void;
  stop(): void;
}
type Autocannon = (
  options: {
    url: string;
    connections: number;
    amount: number;
    timeout: number;
    requests: AcRequest[];
  },
  done: (error: Error | null, result: AcResult) => void,
) => AcInstance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** Request errors kept as examples. */
const EXAMPLES = 10;

export interface PhaseResult {
  result: AcResult;
  reqErrors: string[];
  stoppedByTimeLimit: boolean;
  /** First request to last answer, in seconds. */
  seconds: number;
}

export interface PhaseRun {
  port: number;
  phase: Phase;
  /** The paths each connection cycles through. */
  paths: readonly string[];
  connections: number;
  amount: number;
  /** `Date.now()` value at which the phase is stopped, answered or not. */
  deadline: number;
}

/** Runs one phase, pushing every answer to `answers` as it arrives. */
export const runPhase = (run: PhaseRun, answers: Answer[]): Promise<PhaseResult> =>
  new Promise((resolve, reject) => {
    const { port, phase, paths, connections, amount, deadline } = run;
    // autocannon calls a request's onResponse, then emits `response` with the latency, in one
    // synchronous call: the answer recorded last is the one the latency belongs to.
    let last: Answer | undefined;
    const requests: AcRequest[] = paths.map((path) => ({
      method: 'GET',
      path,
      onResponse: (status, body, _context, headers) => {
        const { problems, traceId, requestId, code } = checkAnswer(path, status, body, headers);
        last = { phase, path, status, latencyMs: Number.NaN, traceId, requestId, code, problems };
        answers.push(last);
        lastAt = performance.now();
      },
    }));
    const reqErrors: string[] = [];
    let stoppedByTimeLimit = false;
    const startedAt = performance.now();
    let lastAt = startedAt;
    let timer: NodeJS.Timeout | undefined;
    const instance = autocannon(
      { url: `http://${HOST}:${port}`, connections, amount, timeout: 15, requests },
      (error, result) => {
        clearTimeout(timer);
        if (error !== null) reject(error);
        else
          resolve({ result, reqErrors, stoppedByTimeLimit, seconds: (lastAt - startedAt) / 1_000 });
      },
    );
    instance.on('response', (_client, _status, _bytes, ms) => {
      if (last !== undefined) last.latencyMs = ms;
      last = undefined;
    });
    instance.on('reqError', (error) => {
      if (reqErrors.length < EXAMPLES) reqErrors.push(error.message);
    });
    timer = setTimeout(
      () => {
        stoppedByTimeLimit = true;
        instance.stop();
      },
      Math.max(0, deadline - Date.now()),
    );
  });
