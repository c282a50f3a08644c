/** Runtime-client entry: as normalizer.ts, around the failing handler. */
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import { errorNormalizer } from '../../src/index.js';
import { failing } from './handler.js';

const logger = new Logger();
export const handler = middy(failing).use(errorNormalizer({ logger }));
