import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { errorNormalizer } from 'lambda-error-normalizer';

const logger = new Logger();
const metrics = new Metrics({ namespace: 'Shop', serviceName: 'orders' });

const placeOrder = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  if (!event.body) throw new Error('payment service unreachable'); // 500 + one `Errors` datapoint
  return { statusCode: 201, body: event.body };
};

export const handler = middy(placeOrder).use(errorNormalizer({ logger, metrics }));
