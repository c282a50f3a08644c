import { BadRequestError, Router } from '@aws-lambda-powertools/event-handler/http';
import { Logger } from '@aws-lambda-powertools/logger';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { routerErrorHandler } from 'lambda-error-normalizer';

const logger = new Logger();
const tracer = new Tracer();
const errors = routerErrorHandler({ logger, tracer });
// The Router logs what a route threw at DEBUG: through errors.logger, redacted.
const app = new Router({ logger: errors.logger });

app.get('/orders/:id', async ({ params }) => {
  if (!/^\d+$/.test(params.id ?? '')) throw new BadRequestError('Order ids are digits'); // 400, kept
  throw new Error(`orders table unreachable at postgres://app:s3cret@db:5432/orders`); // 500, redacted
});

// Every error a route throws, and every route miss (404), answers by the contract; the
// middleware brings the handler what is thrown that is not an Error.
app.errorHandler(Error, errors);
app.use(errors.middleware);

export const handler = async (event: APIGatewayProxyEvent, context: Context) =>
  app.resolve(event, context);
