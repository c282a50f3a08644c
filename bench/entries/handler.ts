/** The business handlers every cold-start entry wraps: a valid REST API result, or a throw. */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

export const business = async (e: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ ok: true, path: e.path }),
});

/** The handler the runtime client's entries (`*-throws.ts`) wrap: it fails, as a lost database would. */
export const failing = async (_e: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  throw new Error('database unavailable');
};
