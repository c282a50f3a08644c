/** The business handler every cold-start entry wraps: a valid REST API result. */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

export const business = async (e: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ ok: true, path: e.path }),
});
