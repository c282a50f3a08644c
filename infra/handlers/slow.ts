/**
 * GET /slow: runs past the function's deadline. Middy aborts the handler just before Lambda
 * would kill it and throws its TimeoutError, which is answered as a 504.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { logger, route } from './wrap.js';

export const handler = route(async (_event, context, { signal }) => {
  logger.info('Starting a slow job', { remainingMs: context.getRemainingTimeInMillis() });
  await sleep(context.getRemainingTimeInMillis() + 1_000, undefined, { signal }).catch(() => {});
  return { statusCode: 200, body: 'finished (the deadline should have come first)' };
});
