/**
 * Type-level proof, checked by `npm run typecheck` (tsc over test/): the structural peer types
 * of src/doors/types.ts and src/report/types.ts accept the real classes and fit the real
 * frameworks. A mismatch is a compile error here, not a runtime surprise in an app.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Tracer } from '@aws-lambda-powertools/tracer';
import middy, { type MiddlewareObj, type Request } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { Segment, Subsegment } from 'aws-xray-sdk-core';
import {
  type ErrorLogger,
  type ErrorTracer,
  type ErrorTraceSegment,
  errorNormalizer,
  type LambdaContext,
  type MiddyRequest,
  withErrorNormalizer,
} from '../../src/index.js';

// Powertools' classes are what the options take.
export const logger: ErrorLogger = new Logger();
export const tracer: ErrorTracer = new Tracer();
export const segments: ErrorTraceSegment[] = [] as (Segment | Subsegment)[];

// aws-lambda's Context is a LambdaContext; Middy's Request is a MiddyRequest.
export const context = (real: Context): LambdaContext => real;
export const request = (real: Request<APIGatewayProxyEvent, APIGatewayProxyResult>) =>
  real satisfies MiddyRequest<APIGatewayProxyEvent, APIGatewayProxyResult>;

// The middleware is a Middy MiddlewareObj and goes through `.use()` with the handler's types.
export const asMiddy: MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> = errorNormalizer<
  APIGatewayProxyEvent,
  APIGatewayProxyResult
>();
export const handler = middy(
  async (_event: APIGatewayProxyEvent, _context: Context): Promise<APIGatewayProxyResult> => ({
    statusCode: 200,
    body: '',
  }),
).use(errorNormalizer({ logger: new Logger(), tracer: new Tracer() }));
export const called: Promise<APIGatewayProxyResult> = handler(
  {} as APIGatewayProxyEvent,
  {} as Context,
);

// The wrapper keeps the handler's context type: the runtime's Context goes in.
export const wrapped = withErrorNormalizer(async (_event: APIGatewayProxyEvent, real: Context) => ({
  statusCode: 200,
  body: real.logGroupName,
}));
export const wrappedCall = (real: Context) => wrapped({} as APIGatewayProxyEvent, real);
