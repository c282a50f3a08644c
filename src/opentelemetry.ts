/**
 * `lambda-error-normalizer/opentelemetry`: answered errors on the active OpenTelemetry span.
 * Opt-in, and the only entry that imports `@opentelemetry/api` (an optional peer the app
 * installs, or ADOT's layer provides).
 *
 * @example
 * ```ts
 * import middy from '@middy/core';
 * import { Logger } from '@aws-lambda-powertools/logger';
 * import { errorNormalizer } from 'lambda-error-normalizer';
 * import { openTelemetry } from 'lambda-error-normalizer/opentelemetry';
 *
 * const logger = new Logger();
 * export const handler = middy(async () => {
 *   throw new Error('boom');
 * }).use(errorNormalizer({ logger, openTelemetry: openTelemetry() }));
 * ```
 * @packageDocumentation
 */
export { openTelemetry } from './report/otel.js';
export type { ErrorSpanReporter } from './report/types.js';
