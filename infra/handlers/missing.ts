/** GET /missing: a client error built with createError; its message reaches the client, 404. */
import { createError } from '@middy/util';
import { logger, route } from './wrap.js';

export const handler = route(async (event) => {
  logger.info('Looking up widget', { path: event.path });
  throw createError(404, 'No widget with id 42');
});
