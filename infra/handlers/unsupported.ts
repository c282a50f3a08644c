/** GET /unsupported: a feature that is not built yet; 501 with the generic message. */
import { NotImplementedError } from '../../src/index.js';
import { logger, route } from './wrap.js';

export const handler = route(async () => {
  logger.info('Bulk export requested');
  throw new NotImplementedError('Bulk export lands in v2');
});
