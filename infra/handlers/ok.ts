/** GET /ok: the success path, 200. */
import { logger, route } from './wrap.js';

export const handler = route(async (event) => {
  logger.info('Serving ok', { path: event.path });
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ok: true }),
  };
});
