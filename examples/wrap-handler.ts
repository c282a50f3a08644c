import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import { createError } from '@middy/util';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { errorNormalizer } from 'lambda-error-normalizer';

const logger = new Logger();
const tracer = new Tracer();
const WIDGETS_API = process.env.WIDGETS_API ?? 'http://127.0.0.1:8080';

interface Widget {
  id: string;
  name: string;
}

/** The widget, or `undefined` if the widgets service has none; throws if the service fails. */
const findWidget = async (id: string | undefined): Promise<Widget | undefined> => {
  if (id === undefined) return undefined;
  const response = await fetch(`${WIDGETS_API}/widgets/${encodeURIComponent(id)}`);
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`Widgets service answered ${response.status}`);
  return (await response.json()) as Widget;
};

export const handler = middy(
  async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const widget = await findWidget(event.pathParameters?.id);
    if (!widget) throw createError(404, 'No such widget'); // 404, message kept
    return { statusCode: 200, body: JSON.stringify(widget) }; // anything thrown: 500, 502…
  },
  { timeoutEarlyInMillis: 250 },
)
  .use(injectLambdaContext(logger))
  .use(captureLambdaHandler(tracer))
  .use(httpCors({ origin: '*' }))
  .use(errorNormalizer({ logger, tracer })); // last: its onError runs first, CORS decorates
