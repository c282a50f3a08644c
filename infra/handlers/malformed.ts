/** GET /malformed: a result API Gateway REST would reject (string status, object body), 500. */
import type { APIGatewayProxyResult } from 'aws-lambda';
import { logger, route } from './wrap.js';

export const handler = route(async () => {
  logger.info('Returning a malformed result');
  return { statusCode: '200', body: { ok: true } } as unknown as APIGatewayProxyResult;
});
