/**
 * The by-hand baseline: what a user writes instead of this library. One Middy middleware whose
 * `onError` logs the error once with the Powertools Logger it is given and answers a JSON 500
 * carrying the X-Ray trace id (Root of `_X_AMZN_TRACE_ID`) and the Lambda request id, in the
 * body and in headers. No classification, no redaction, no event-source shapes: the floor the
 * library's error path is judged against.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';

export const byHandErrorMiddleware = (
  logger: Logger,
): MiddlewareObj<unknown, unknown, Error, Context> => ({
  onError: async (request) => {
    logger.error('Unhandled error', request.error as Error);
    const traceId = /Root=([^;]+)/.exec(process.env._X_AMZN_TRACE_ID ?? '')?.[1] ?? null;
    const requestId = request.context.awsRequestId;
    request.response = {
      statusCode: 500,
      headers: {
        'Content-Type': 'application/json',
        'Cache-Control': 'no-store',
        'X-Trace-Id': traceId ?? '',
        'X-Request-Id': requestId,
      },
      body: JSON.stringify({
        error: 'internal_server_error',
        message: 'An internal error occurred.',
        traceId,
        requestId,
      }),
    };
  },
});
