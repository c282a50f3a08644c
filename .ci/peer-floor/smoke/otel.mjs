// peers: @middy/core @opentelemetry/api
// with: @opentelemetry/sdk-trace-base@2 @opentelemetry/context-async-hooks@2
// secret: hunter2
//
// OpenTelemetry at the floor of its API: with a real SDK and an active span, an answered 500
// records the redacted exception, status ERROR and the attributes on that span.
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { errorNormalizer } from 'lambda-error-normalizer';
import { openTelemetry } from 'lambda-error-normalizer/opentelemetry';
import { check, fixture, lambdaContext } from './kit.mjs';

const exporter = new InMemorySpanExporter();
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
trace.setGlobalTracerProvider(
  new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
);
delete process.env._X_AMZN_TRACE_ID;

const handler = middy(async () => {
  throw new Error('connect postgres://app:hunter2@db:5432/x refused');
}).use(
  errorNormalizer({
    logger: new Logger({ serviceName: 'peer-floor' }),
    openTelemetry: openTelemetry(),
  }),
);

const span = trace.getTracer('smoke').startSpan('handler');
const answer = await context.with(trace.setSpan(context.active(), span), () =>
  handler(fixture('apigw-request.json'), lambdaContext()),
);
span.end();
const [finished] = exporter.getFinishedSpans();
const id = finished?.spanContext().traceId ?? '';
check('status 500', answer.statusCode === 500, answer);
check('status ERROR on the span', finished?.status.code === SpanStatusCode.ERROR, finished?.status);
check(
  'attributes',
  finished?.attributes['http.response.status_code'] === 500 &&
    finished?.attributes['error.type'] === 'internal_server_error',
  finished?.attributes,
);
const exception = finished?.events.find((event) => event.name === 'exception');
check(
  'redacted exception event',
  String(exception?.attributes?.['exception.message']).includes('app:***@db'),
  exception,
);
check(
  'the body carries the span trace id in X-Ray form',
  JSON.parse(answer.body).traceId === `1-${id.slice(0, 8)}-${id.slice(8)}`,
  answer.body,
);
