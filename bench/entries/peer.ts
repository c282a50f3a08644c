/** Cold-start entry: middy + Powertools Logger + @middy/http-error-handler. */
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import { business } from './handler.js';

const logger = new Logger();
export const handler = middy(business).use(
  httpErrorHandler({ logger: (error) => logger.error('Unhandled error', error) }),
);
