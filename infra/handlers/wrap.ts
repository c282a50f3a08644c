/**
 * The demo's one way to build a route: a plain handler wrapped with errorNormalizer, Powertools
 * Logger (JSON lines stamped with the request id and trace id), Tracer and Metrics (one `Errors`
 * datapoint per answered error, which the stack's alarm watches). The deployed stack and the
 * local demo run exactly these handlers. This is the setup the README recommends.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { errorNormalizer } from '../../src/index.js';
import { maintenance } from '../../src/maintenance.js';

export const logger = new Logger({ serviceName: 'error-normalizer-demo' });
export const tracer = new Tracer({ serviceName: 'error-normalizer-demo' });
/** Namespace from `POWERTOOLS_METRICS_NAMESPACE`, which the stack sets on every function. */
export const metrics = new Metrics({ serviceName: 'error-normalizer-demo' });

/** A demo route's own code, before any middleware. */
export type RouteHandler = (
  event: APIGatewayProxyEvent,
  context: Context,
  options: { signal: AbortSignal },
) => Promise<APIGatewayProxyResult>;

/**
 * Middy answers a handler that runs out of time this long before Lambda's deadline: enough for
 * the 504 to be logged, traced and returned before Lambda would kill the invocation.
 */
const TIMEOUT_EARLY_MS = 250;

/**
 * errorNormalizer is registered last, where Middy's docs put http-error-handler: its `onError`
 * runs first, so http-cors (registered before it) adds its headers to the answer, and the
 * tracer's subsegment is still open to be marked. Given the same tracer, it also redacts what
 * `captureLambdaHandler` records, so no secret reaches X-Ray. `maintenance()` reads the
 * stack's `LAMBDA_ERROR_NORMALIZER_MAINTENANCE`, so a window opens without a redeploy.
 */
export const route = (handler: RouteHandler) =>
  middy(handler, { timeoutEarlyInMillis: TIMEOUT_EARLY_MS })
    .use(injectLambdaContext(logger))
    .use(captureLambdaHandler(tracer))
    // Any origin may call the public demo; errors carry the CORS headers too, so a browser
    // page can read their trace id (errorNormalizer exposes X-Trace-Id and X-Request-Id).
    .use(httpCors({ origin: '*' }))
    .use(errorNormalizer({ logger, tracer, metrics, maintenance: maintenance() }));
