/** Runtime-client entry: as base.ts, around the failing handler (the throw reaches the runtime). */
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import { failing } from './handler.js';

export const logger = new Logger();
export const handler = middy(failing);
