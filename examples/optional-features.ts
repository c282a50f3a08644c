import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { errorNormalizer } from 'lambda-error-normalizer';
import { maintenance } from 'lambda-error-normalizer/maintenance';
import { openTelemetry } from 'lambda-error-normalizer/opentelemetry';
import { problemDetails } from 'lambda-error-normalizer/problem-details';

const logger = new Logger();

const normalizer = errorNormalizer({
  logger,
  openTelemetry: openTelemetry(), // needs @opentelemetry/api; nothing else imports it
  maintenance: maintenance(), // reads LAMBDA_ERROR_NORMALIZER_MAINTENANCE once, here
  problemDetails: problemDetails(), // application/problem+json for clients that prefer it
});

const findReport = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  if (event.pathParameters?.id === undefined) throw new Error('report store unreachable'); // 500
  return { statusCode: 200, body: JSON.stringify({ id: event.pathParameters.id }) };
};

export const handler = middy(findReport).use(normalizer);
