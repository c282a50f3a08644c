/**
 * `lambda-error-normalizer/maintenance`: a planned maintenance window, answered 503 with
 * `Retry-After` before the handler runs. Opt-in: a handler without it bundles none of it.
 *
 * @example
 * ```ts
 * import middy from '@middy/core';
 * import { Logger } from '@aws-lambda-powertools/logger';
 * import { errorNormalizer } from 'lambda-error-normalizer';
 * import { maintenance } from 'lambda-error-normalizer/maintenance';
 *
 * const logger = new Logger();
 * // Open while LAMBDA_ERROR_NORMALIZER_MAINTENANCE holds an end time in the future.
 * export const handler = middy(async () => ({ statusCode: 200, body: 'ok' })).use(
 *   errorNormalizer({ logger, maintenance: maintenance() }),
 * );
 * ```
 * @packageDocumentation
 */
export {
  MAINTENANCE_ENV,
  type MaintenanceWindow,
  maintenance,
  type OpenMaintenance,
} from './core/maintenance.js';
