// peers: @middy/core @aws-lambda-powertools/logger @aws-lambda-powertools/tracer
// secret: hunter2
//
// The Middy door at the floor of its peers: an uncaught error holding a database password,
// on a real API Gateway REST event, answers the contract (500, the invocation's trace id),
// logs one ERROR line, and the password appears nowhere.
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { errorNormalizer } from 'lambda-error-normalizer';
import { captureOutput, check, fixture, lambdaContext, startTrace } from './kit.mjs';

const logger = new Logger({ serviceName: 'peer-floor' });
const tracer = new Tracer({ serviceName: 'peer-floor' });
const handler = middy(async () => {
  throw new Error('Report query failed on postgres://app:hunter2@db:5432/x');
})
  .use(errorNormalizer({ logger, tracer }))
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger));

const root = startTrace();
const context = lambdaContext();
const output = captureOutput();
const answer = await handler(fixture('apigw-request.json'), context);
const body = JSON.parse(answer.body);
const errors = output.logs('ERROR');

check('status 500', answer.statusCode === 500, answer.statusCode);
check('body traceId is the invocation root', body.traceId === root, { body, root });
check('body requestId is the context one', body.requestId === context.awsRequestId, body);
check('X-Trace-Id header', answer.headers?.['X-Trace-Id'] === root, answer.headers);
check('exactly one ERROR log line', errors.length === 1, output.lines);
check('the ERROR line carries the trace id', errors[0]?.xray_trace_id === root, errors[0]);
check(
  'the password is redacted in the log',
  JSON.stringify(errors[0]).includes('app:***@db'),
  errors[0],
);
check('the answer holds no secret', !JSON.stringify(answer).includes('hunter2'), answer);
