/**
 * Cold start inside `aws-lambda-ric`, the managed Node.js runtime's own client, on Node 24 (a
 * worker: run.ts starts it with that Node). Each round starts one fresh function instance per
 * entry (`entries/*-throws.ts`: middy + Powertools Logger, no error middleware, errorNormalizer
 * or http-error-handler, around a handler that throws), in alternating order, against the
 * test Runtime API (test/runtime/support), and times two things there:
 * - init: from spawning the client to its first `GET /runtime/invocation/next`, which is where
 *   Lambda's own Init Duration ends (the client reports none itself);
 * - first error: from `next` handing out the first event to its `/response` POST arriving (the
 *   answered 500; bare middy's throw arrives as an `/error` POST instead).
 * The figures are the medians of the per-round differences, normalizer - peer.
 */
import { ACCOUNT_ID, newTrace, REGION } from '../infra/local/event.js';
import apigwRequest from '../test/fixtures/aws-events/apigw-request.json' with { type: 'json' };
import { ensureRic, RIC_VERSION } from '../test/runtime/support/ric.js';
import {
  type FunctionInstance,
  startFunctionInstance,
} from '../test/runtime/support/ric-process.js';
import { type Outcome, RuntimeApi } from '../test/runtime/support/runtime-api.js';
import { reply } from './child.js';
import { type ProcessCpu, processCpu } from './proc-cpu.js';
import {
  RIC_ENTRIES,
  RIC_METRICS,
  type RicColdStartResult,
  type RicEntry,
  type RicMetric,
  type RicSample,
  ROUNDS_ENV,
  TASK_ROOT_ENV,
} from './ric-leg.js';
import { medianCi95, type Summary, summarize } from './stats.js';

const ROUNDS = Number(process.env[ROUNDS_ENV]);
/** Far beyond a cold start here; only a hung instance reaches it. */
const GIVE_UP_MS = 30_000;

const taskRoot = process.env[TASK_ROOT_ENV] as string;

/** API Gateway forwards the trace header it started, as the event shows. */
const restEvent = (traceHeader: string) => ({
  ...apigwRequest,
  headers: { ...apigwRequest.headers, 'X-Amzn-Trace-Id': traceHeader },
});

const output = (instance: FunctionInstance) => instance.lines.map((line) => line.text).join('\n');

/** A measurement of a wrong answer means nothing: each entry must answer as it should. */
const check = (entry: RicEntry, outcome: Outcome, instance: FunctionInstance): void => {
  if (entry === 'base') {
    if (outcome.kind === 'error') return;
  } else if (outcome.kind === 'response') {
    const answer = JSON.parse(outcome.body.toString('utf8')) as { statusCode?: unknown };
    if (answer.statusCode === 500) return;
  }
  throw new Error(
    `${entry}: unexpected ${outcome.kind} ${outcome.body.toString('utf8')}\n${output(instance)}`,
  );
};

const giveUp = (instance: FunctionInstance, entry: RicEntry) =>
  new Promise<never>((_, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${entry}: no answer in ${GIVE_UP_MS} ms\n${output(instance)}`)),
      GIVE_UP_MS,
    );
    timer.unref();
  });

const NO_CPU: ProcessCpu = { main: Number.NaN, all: Number.NaN };

/** One fresh function instance of `entry`: its init and its first, failing, invocation. */
const coldStart = async (ricEntry: string, entry: RicEntry): Promise<RicSample> => {
  const functionName = `bench-${entry}`;
  const api = new RuntimeApi(`arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${functionName}`);
  const runtimeApi = await api.listen();
  const { header } = newTrace();
  // Queued before the client starts: its first `next` gets the event at once, as on Lambda.
  const answered = api.invoke({ event: restEvent(header), traceHeader: header, timeoutMs: 30_000 });
  const cpuAt: Partial<Record<'next' | 'posted', ProcessCpu>> = {};
  const spawnedAt = performance.now();
  const instance = startFunctionInstance({
    ricEntry,
    taskRoot,
    handler: `${entry}-throws.handler`,
    functionName,
    memorySize: 1024,
    environment: {},
    runtimeApi,
  });
  api.observe = (moment) => {
    cpuAt[moment] ??= processCpu(instance.pid) ?? NO_CPU;
  };
  try {
    const outcome = await Promise.race([
      answered,
      giveUp(instance, entry),
      instance.exited.then((code) => {
        throw new Error(`${entry}: the instance exited (${code})\n${output(instance)}`);
      }),
    ]);
    check(entry, outcome, instance);
    const next = cpuAt.next ?? NO_CPU;
    const posted = cpuAt.posted ?? NO_CPU;
    return {
      initWall: (api.nextAt[0] ?? Number.NaN) - spawnedAt,
      initCpu: next.main,
      initCpuAll: next.all,
      firstErrorWall: outcome.postedAt - outcome.handedOutAt,
      firstErrorCpu: posted.main - next.main,
      firstErrorCpuAll: posted.all - next.all,
    };
  } finally {
    await instance.stop();
    await api.close();
  }
};

const measure = async (): Promise<RicColdStartResult> => {
  const ricEntry = await ensureRic();
  const started = performance.now();
  const samples: Record<RicEntry, RicSample[]> = { base: [], normalizer: [], peer: [] };
  // Warms the file cache and the client's first load; not recorded.
  for (const entry of RIC_ENTRIES) await coldStart(ricEntry, entry);
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? RIC_ENTRIES : [...RIC_ENTRIES].reverse();
    for (const entry of order) samples[entry].push(await coldStart(ricEntry, entry));
  }
  const of = (entry: RicEntry, metric: RicMetric) => samples[entry].map((s) => s[metric]);
  const diffs = (a: RicEntry, b: RicEntry, metric: RicMetric) =>
    of(a, metric).map((value, i) => value - (of(b, metric)[i] as number));
  const perMetric = <T>(value: (metric: RicMetric) => T) =>
    Object.fromEntries(RIC_METRICS.map((metric) => [metric, value(metric)])) as Record<
      RicMetric,
      T
    >;
  return {
    seconds: (performance.now() - started) / 1000,
    node: process.version,
    ric: RIC_VERSION,
    rounds: ROUNDS,
    cpuTimes: Number.isFinite(samples.normalizer[0]?.initCpu),
    ms: perMetric(
      (metric) =>
        Object.fromEntries(
          RIC_ENTRIES.map((entry) => [entry, summarize(of(entry, metric))]),
        ) as Record<RicEntry, Summary>,
    ),
    overPeerMs: perMetric((metric) => summarize(diffs('normalizer', 'peer', metric))),
    overPeerCi95Ms: perMetric((metric) => medianCi95(diffs('normalizer', 'peer', metric))),
    peerOverBaseMs: perMetric((metric) => summarize(diffs('peer', 'base', metric))),
    peerOverBaseCi95Ms: perMetric((metric) => medianCi95(diffs('peer', 'base', metric))),
  };
};

await reply(measure);
