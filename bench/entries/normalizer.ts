/** Cold-start entry: middy + Powertools Logger + errorNormalizer. */
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import { errorNormalizer } from '../../src/index.js';
import { business } from './handler.js';

const logger = new Logger();
export const handler = middy(business).use(errorNormalizer({ logger }));
