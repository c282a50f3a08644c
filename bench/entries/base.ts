/** Cold-start entry: middy + Powertools Logger, no error middleware (the common floor). */
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import { business } from './handler.js';

export const logger = new Logger();
export const handler = middy(business);
