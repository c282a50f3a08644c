/**
 * GET /stream (a function URL in RESPONSE_STREAM mode): a few chunks, streamed as they come.
 * `?fail=before` throws before the first byte: the client gets the error contract. `?fail=after`
 * breaks the stream after some chunks were sent: the error is logged and traced once, and the
 * stream simply ends.
 *
 * Middy 7 streams through `executionMode: executionModeStreamifyResponse` (the Lambda runtime
 * provides `awslambda.streamifyResponse` and `HttpResponseStream`).
 *
 * `maintenance()` reads `LAMBDA_ERROR_NORMALIZER_MAINTENANCE`, as the other routes do
 * (./wrap.ts): while a window is open, a request is answered 503 before the stream starts.
 */
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { executionModeStreamifyResponse } from '@middy/core/executionModeStreamifyResponse';
import type { Context, LambdaFunctionURLEvent } from 'aws-lambda';
import { errorNormalizer } from '../../src/index.js';
import { maintenance } from '../../src/maintenance.js';
import { streamGuard } from '../../src/streaming.js';
import { logger, tracer } from './wrap.js';

/** The chunks every successful stream carries, in order (test/runtime/stream.test.ts states them too). */
const STREAM_CHUNKS = ['chunk 1 of 3\n', 'chunk 2 of 3\n', 'chunk 3 of 3\n'];
/** How many chunks `?fail=after` sends before it breaks. */
const CHUNKS_BEFORE_FAILURE = 2;

interface StreamedResult {
  statusCode: number;
  headers: Record<string, string>;
  body: Readable;
}

async function* chunks(failAfter: boolean): AsyncGenerator<string> {
  for (const [index, chunk] of STREAM_CHUNKS.entries()) {
    if (failAfter && index === CHUNKS_BEFORE_FAILURE) {
      throw new Error(
        'Model stream broke: upstream postgres://stream:s3cr3t-pa55@db.internal/tokens reset',
      );
    }
    yield chunk;
    // One chunk per turn of the event loop, as a real producer would send them.
    await nextTurn();
  }
}

const streamChunks = async (
  event: LambdaFunctionURLEvent,
  _context: Context,
): Promise<StreamedResult> => {
  const fail = event.queryStringParameters?.fail;
  logger.info('Starting a stream', { fail });
  if (fail === 'before') {
    throw new Error(
      'Model endpoint refused the prompt: https://bot:s3cr3t-pa55@models.internal/v1 answered 401',
    );
  }
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    body: Readable.from(chunks(fail === 'after')),
  };
};

export const handler = middy(streamChunks, {
  executionMode: executionModeStreamifyResponse,
  timeoutEarlyInMillis: 250,
})
  .use(injectLambdaContext(logger))
  .use(captureLambdaHandler(tracer))
  // Last, as Middy places http-error-handler; the guard answers a stream that fails early.
  .use(errorNormalizer({ logger, tracer, maintenance: maintenance(), streaming: streamGuard() }));
