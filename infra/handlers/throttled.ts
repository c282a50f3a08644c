/** GET /throttled: an AWS SDK v3 throttling error, as the SDK throws it; 503 with Retry-After. */
import { CloudWatchLogsServiceException } from '@aws-sdk/client-cloudwatch-logs';
import { logger, route } from './wrap.js';

export const handler = route(async () => {
  logger.info('Calling CloudWatch Logs');
  const error = new CloudWatchLogsServiceException({
    name: 'ThrottlingException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400, requestId: 'c0ffee00-0000-4000-8000-000000000000' },
    message: 'Rate exceeded',
  });
  error.$retryable = { throttling: true };
  throw error;
});
