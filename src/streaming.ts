/**
 * `lambda-error-normalizer/streaming`: the stream guard for Middy handlers that stream (a
 * function URL in `RESPONSE_STREAM` mode). Opt-in: a handler that does not stream bundles
 * none of it.
 *
 * @example
 * ```ts
 * import { Readable } from 'node:stream';
 * import middy from '@middy/core';
 * import { executionModeStreamifyResponse } from '@middy/core/executionModeStreamifyResponse';
 * import { Logger } from '@aws-lambda-powertools/logger';
 * import { errorNormalizer } from 'lambda-error-normalizer';
 * import { streamGuard } from 'lambda-error-normalizer/streaming';
 *
 * const logger = new Logger();
 * export const handler = middy(
 *   async () => ({ statusCode: 200, body: Readable.from(['chunk 1\n', 'chunk 2\n']) }),
 *   { executionMode: executionModeStreamifyResponse },
 * ).use(errorNormalizer({ logger, streaming: streamGuard() }));
 * ```
 * @packageDocumentation
 */
export {
  STREAM_DEADLINE_MARGIN_MS,
  StreamStalledError,
  streamGuard,
} from './doors/stream-guard.js';
export type { StreamGuard } from './doors/types.js';
