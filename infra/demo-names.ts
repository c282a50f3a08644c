/**
 * Names shared by the demo stack's parts (functions, monitoring, outputs) and by the tests, in
 * one file so that the parts need not import one another.
 */

/** `POWERTOOLS_SERVICE_NAME` of every function (wrap.ts names its Logger/Tracer the same). */
export const SERVICE_NAME = 'error-normalizer-demo';

/**
 * `POWERTOOLS_METRICS_NAMESPACE` of every function: the namespace the middleware's `Errors`
 * datapoints land in, which the alarm and the dashboard read.
 */
export const METRICS_NAMESPACE = 'LambdaErrorNormalizerDemo';

/** The metric the middleware emits once per answered error (Count, value 1). */
export const ERRORS_METRIC = 'Errors';

/** Name of the stage, the first path segment of the API URL. */
export const STAGE_NAME = 'demo';
