import { BadRequestError, Router } from '@aws-lambda-powertools/event-handler/http';
import { Logger } from '@aws-lambda-powertools/logger';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { routerErrorHandler } from 'lambda-error-normalizer';

const logger = new Logger();
const tracer = new Tracer();
const app = new Router();

app.get('/orders/:id', async ({ params }) => {
  if (!/^\d+$/.test(params.id ?? '')) throw new BadRequestError('Order ids are digits'); // 400, kept
  throw new Error(`orders table unreachable at postgres://app:s3cret@db:5432/orders`); // 500, redacted
});

// Every error a route throws, and every route miss (404), answers by the contract.
app.errorHandler(Error, routerErrorHandler({ logger, tracer }));

export const handler = async (event: APIGatewayProxyEvent, context: Context) =>
  app.resolve(event, context);
