// peers: @middy/core @aws-lambda-powertools/event-handler @aws-lambda-powertools/tracer@2.35.0 @aws-lambda-powertools/metrics @opentelemetry/api
//
// Every optional peer of the middleware at its floor installs beside the required ones under
// npm's strict peer rules (event-handler's own peers need Tracer and Metrics >= 2.35) and
// loads. The doors that use them bring their own smoke files.
import { Router } from '@aws-lambda-powertools/event-handler/http';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import middy from '@middy/core';
import { trace } from '@opentelemetry/api';
import { errorNormalizer } from 'lambda-error-normalizer';
import { check } from './kit.mjs';

check('event-handler Router loads', typeof new Router().get === 'function', Router);
check(
  'Metrics loads',
  typeof new Metrics({ namespace: 'smoke' }).addMetric === 'function',
  Metrics,
);
check('Tracer loads', typeof new Tracer().getSegment === 'function', Tracer);
check('OpenTelemetry API loads', typeof trace.getActiveSpan === 'function', trace);
check('the middleware builds', typeof middy().use(errorNormalizer()).use === 'function', middy);
