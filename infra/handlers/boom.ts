/** GET /boom: an uncaught error whose message holds a secret; the client sees a generic 500. */
import { logger, route } from './wrap.js';

export const handler = route(async () => {
  logger.info('Loading the report');
  // A plain console line, as a handler's own code or a dependency writes one: it carries the
  // request id only (Lambda's JSON log format), and `logs <traceId>` still finds it.
  console.log('Querying the reports table');
  throw new Error(
    'Report query failed on postgres://report:s3cr3t-pa55@db.internal:5432/reports: relation "reports" does not exist',
  );
});
