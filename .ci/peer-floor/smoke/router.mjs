// peers: @aws-lambda-powertools/event-handler @aws-lambda-powertools/tracer@2.35.0 @aws-lambda-powertools/metrics
// secret: hunter2
//
// The Router door at the floor of its peers: a route that throws an error holding a password,
// and a route miss, answer the contract through the real Router (ids in body and headers, one
// log line each); the password appears nowhere.
import { Router } from '@aws-lambda-powertools/event-handler/http';
import { Logger } from '@aws-lambda-powertools/logger';
import { routerErrorHandler } from 'lambda-error-normalizer';
import { captureOutput, check, fixture, lambdaContext, startTrace } from './kit.mjs';

const app = new Router();
app.post('/hello/world', async () => {
  throw new Error('Report query failed on postgres://app:hunter2@db:5432/x');
});
app.errorHandler(Error, routerErrorHandler({ logger: new Logger({ serviceName: 'peer-floor' }) }));
// Real REST events carry `isBase64Encoded`; the public sample does not.
const event = { ...fixture('apigw-request.json'), isBase64Encoded: false };

const root = startTrace();
const output = captureOutput();
const context = lambdaContext();
const failed = await app.resolve(event, context);
const body = JSON.parse(failed.body);
check('status 500', failed.statusCode === 500, failed);
check(
  'body carries both ids',
  body.traceId === root && body.requestId === context.awsRequestId,
  body,
);
check('generic message', body.message === 'An internal error occurred.', body);
check('one ERROR line, redacted', output.logs('ERROR').length === 1, output.lines);

const missed = await app.resolve({ ...event, path: '/nowhere' }, lambdaContext());
check(
  'a route miss is our 404',
  missed.statusCode === 404 && JSON.parse(missed.body).error === 'not_found',
  missed,
);
