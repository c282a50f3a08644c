/**
 * The `Errors` metric through the real Powertools Metrics: the EMF line it writes to stdout is
 * what CloudWatch turns into datapoints, so that line is what is checked.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import { createError } from '@middy/util';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  ERROR_METRIC,
  type ErrorMetrics,
  errorNormalizer,
  withErrorNormalizer,
} from '../../src/index.js';
import { type CapturedLine, eachInvocation, fixture, lambdaContext } from '../support/lambda.js';

const invocation = eachInvocation();

const NAMESPACE = 'LambdaErrorNormalizerTest';
const SERVICE = 'orders';
const newMetrics = () => new Metrics({ namespace: NAMESPACE, serviceName: SERVICE });

type Emf = Record<string, unknown> & {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: Array<{
      Namespace: string;
      Dimensions: string[][];
      Metrics: Array<{ Name: string; Unit: string }>;
    }>;
  };
};

const emfLines = (): Emf[] =>
  invocation.output
    .logs()
    .filter((json): json is Emf => typeof json._aws === 'object' && json._aws !== null);

const errorDatapoints = (): Emf[] =>
  emfLines().filter((emf) =>
    emf._aws.CloudWatchMetrics.some((block) =>
      block.Metrics.some((metric) => metric.Name === ERROR_METRIC),
    ),
  );

/** What the process wrote that is neither our own log line nor an EMF line. */
const strayLines = (): CapturedLine[] =>
  invocation.output.lines.filter(
    (line) => line.json === undefined || (line.json._aws === undefined && !line.json.level),
  );

type Handler = (event: unknown, context: Context) => Promise<unknown>;
type Result = { statusCode: number; body: string };

const SECRET_PATH_AND_MESSAGE = 'postgres://app:hunter2@db:5432/x';

const failing = (thrown: () => unknown, metrics: ErrorMetrics): Handler => {
  const logger = new Logger({ serviceName: SERVICE });
  return middy(async () => {
    throw thrown();
  }).use(errorNormalizer({ logger, metrics })) as Handler;
};

const call = async (handler: Handler, event = fixture('apigw-request.json')) =>
  (await handler(event, lambdaContext())) as Result;

describe('Errors metric (real Powertools Metrics, EMF on stdout)', () => {
  it('writes one EMF line: namespace, two dimension sets, Errors Count 1, code and 5xx', async () => {
    const before = Date.now();
    const result = await call(failing(() => new Error(SECRET_PATH_AND_MESSAGE), newMetrics()));
    expect(result.statusCode).toBe(500);
    const lines = emfLines();
    expect(lines).toHaveLength(1);
    const emf = lines[0] as Emf;
    expect(emf._aws.CloudWatchMetrics).toHaveLength(1);
    const [block] = emf._aws.CloudWatchMetrics;
    expect(block?.Namespace).toBe(NAMESPACE);
    expect(block?.Metrics).toEqual([{ Name: 'Errors', Unit: 'Count' }]);
    // A dimension set is a set: CloudWatch ignores the order of names inside one.
    expect(block?.Dimensions.map((set) => [...set].sort())).toEqual([
      ['code', 'service', 'statusClass'],
      ['service', 'statusClass'],
    ]);
    expect(emf._aws.Timestamp).toBeGreaterThanOrEqual(before);
    // Exactly the keys CloudWatch needs: no path, no message, no ids (cardinality and secrets).
    const { _aws, ...values } = emf;
    expect(values).toEqual({
      service: SERVICE,
      code: 'internal_server_error',
      statusClass: '5xx',
      Errors: 1,
    });
    const text = JSON.stringify(emf);
    for (const leak of ['hunter2', 'postgres', '/hello/world', invocation.trace.root]) {
      expect(text).not.toContain(leak);
    }
  });

  it('counts a 4xx as statusClass 4xx with its own code', async () => {
    await call(failing(() => createError(404, 'No widget 42'), newMetrics()));
    const [emf] = errorDatapoints();
    expect(emf).toMatchObject({ code: 'not_found', statusClass: '4xx', Errors: 1 });
  });

  it('Metrics itself says nothing else: no warning line beside the datapoint', async () => {
    await call(failing(() => new Error('boom'), newMetrics()));
    expect(errorDatapoints()).toHaveLength(1);
    expect(strayLines()).toEqual([]);
  });

  it("keeps the app's default dimensions in both sets, still without a warning", async () => {
    const metrics = new Metrics({
      namespace: NAMESPACE,
      serviceName: SERVICE,
      defaultDimensions: { environment: 'prod' },
    });
    await call(failing(() => new Error('boom'), metrics));
    const [emf] = emfLines();
    expect(emf?._aws.CloudWatchMetrics[0]?.Dimensions.map((set) => [...set].sort())).toEqual([
      ['code', 'environment', 'service', 'statusClass'],
      ['environment', 'service', 'statusClass'],
    ]);
    expect(emf).toMatchObject({ environment: 'prod', statusClass: '5xx', Errors: 1 });
    expect(strayLines()).toEqual([]);
  });

  it('emits one datapoint per answered error, none for a success', async () => {
    const metrics = newMetrics();
    let fail = true;
    const handler = middy(async () => {
      if (fail) throw createError(503, 'busy');
      return { statusCode: 200, body: '{}' };
    }).use(errorNormalizer({ logger: new Logger({ serviceName: SERVICE }), metrics })) as Handler;
    await call(handler);
    await call(handler);
    fail = false;
    expect((await call(handler)).statusCode).toBe(200);
    const lines = errorDatapoints();
    expect(lines).toHaveLength(2);
    expect(lines.map((emf) => emf.code)).toEqual(['service_unavailable', 'service_unavailable']);
  });

  it('emits nothing for an error re-thrown to Lambda (SQS)', async () => {
    const handler = failing(() => new Error('poison'), newMetrics());
    await expect(handler(fixture('sqs-event.json'), lambdaContext())).rejects.toThrow('poison');
    expect(errorDatapoints()).toEqual([]);
  });

  it.each(['none', 'before'] as const)('does not depend on logMetrics (%s)', async (where) => {
    const metrics = newMetrics();
    const base = middy(async () => {
      throw new Error('boom');
    });
    if (where === 'before') base.use(logMetrics(metrics) as MiddlewareObj);
    const normalizer = errorNormalizer({ logger: new Logger({ serviceName: SERVICE }), metrics });
    const handler = base.use(normalizer) as Handler;
    expect((await call(handler)).statusCode).toBe(500);
    expect(errorDatapoints()).toHaveLength(1);
  });

  it("does not depend on logMetrics (after), beside the app's own metrics", async () => {
    const metrics = newMetrics();
    const handler = middy(async () => {
      metrics.addMetric('OrdersTried', 'Count', 1);
      throw new Error('boom');
    })
      .use(errorNormalizer({ logger: new Logger({ serviceName: SERVICE }), metrics }))
      .use(logMetrics(metrics) as MiddlewareObj) as Handler;
    expect((await call(handler)).statusCode).toBe(500);
    // Ours at once as its own line; the app's own metric flushed by logMetrics, without ours.
    expect(errorDatapoints()).toHaveLength(1);
    const appLines = emfLines().filter((emf) => 'OrdersTried' in emf);
    expect(appLines).toHaveLength(1);
    expect(appLines[0]).not.toHaveProperty('Errors');
  });

  it('counts through withErrorNormalizer too', async () => {
    const handler = withErrorNormalizer(
      async () => {
        throw createError(400, 'bad');
      },
      { logger: new Logger({ serviceName: SERVICE }), metrics: newMetrics() },
    );
    expect((await call(handler as Handler)).statusCode).toBe(400);
    expect(errorDatapoints()).toEqual([
      expect.objectContaining({ code: 'bad_request', statusClass: '4xx', Errors: 1 }),
    ]);
  });

  it('a Metrics whose singleMetric throws: the answer still comes, logged once', async () => {
    const metrics = newMetrics();
    metrics.singleMetric = () => {
      throw new Error('EMF backend gone');
    };
    const result = await call(failing(() => new Error('boom'), metrics));
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body)).toMatchObject({ error: 'internal_server_error' });
    expect(invocation.output.logs('ERROR')).toHaveLength(1);
    expect(errorDatapoints()).toEqual([]);
    // The reporter's own trouble goes to stderr (once per handler), not to the client.
    const said = invocation.output.lines.filter((line) => line.text.includes('metrics failed'));
    expect(said.map((line) => line.text)).toEqual([
      '[lambda-error-normalizer] metrics failed: EMF backend gone',
    ]);
  });
});
