import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { NotImplementedError, withErrorNormalizer } from 'lambda-error-normalizer';

const logger = new Logger();

export const handler = withErrorNormalizer(
  async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    if (event.httpMethod === 'POST') throw new NotImplementedError('Imports land in v2'); // 501
    return { statusCode: 200, body: JSON.stringify({ ok: true }) };
  },
  { logger },
);
