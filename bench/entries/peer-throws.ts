/** Runtime-client entry: as peer.ts, around the failing handler. */
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import { failing } from './handler.js';

const logger = new Logger();
export const handler = middy(failing).use(
  httpErrorHandler({ logger: (error) => logger.error('Unhandled error', error) }),
);
