/**
 * CORS headers for the gateway responses: a browser reads an error body (trace id included)
 * only with `Access-Control-Allow-Origin`. Gateway responses take static header values, so they
 * cannot pick one origin of several per request.
 */

import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import { Annotations } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';

/**
 * CORS headers on API Gateway's own error answers.
 * @example
 * ```ts
 * const cors: GatewayResponseCors = { allowOrigin: 'https://app.example.com' };
 * ```
 */
export interface GatewayResponseCors {
  /** The `Access-Control-Allow-Origin` value: `*` or one origin (`https://app.example.com`). */
  readonly allowOrigin: string;
  /**
   * Whether to send `Access-Control-Allow-Credentials: true` (not with `*`).
   * @default false
   */
  readonly allowCredentials?: boolean;
}

/**
 * The CORS headers for `api`'s gateway responses.
 *
 * @param scope - where a synth note goes.
 * @param api - the REST API (its `defaultCorsPreflightOptions` when `cors` is not given).
 * @param cors - the prop.
 * @returns header name -> static value.
 */
export const corsHeadersFor = (
  scope: Construct,
  api: apigw.IRestApi,
  cors: GatewayResponseCors | false | undefined,
): Record<string, string> => {
  if (cors === false) return {};
  const chosen = cors ?? fromPreflight(scope, api);
  if (chosen === undefined) return {};
  return {
    'Access-Control-Allow-Origin': chosen.allowOrigin,
    ...(chosen.allowOrigin === '*' ? {} : { Vary: 'Origin' }),
    ...(chosen.allowCredentials === true ? { 'Access-Control-Allow-Credentials': 'true' } : {}),
  };
};

const fromPreflight = (scope: Construct, api: apigw.IRestApi): GatewayResponseCors | undefined => {
  const options = api.root.defaultCorsPreflightOptions;
  if (options === undefined) return undefined;
  const [origin, ...others] = options.allowOrigins;
  if (origin === undefined) return undefined;
  if (others.length > 0) {
    Annotations.of(scope).addWarningV2(
      'lambda-error-normalizer:ApiErrorContract.corsOrigins',
      `The API allows ${options.allowOrigins.length} origins; a gateway response can name one only, so API Gateway's own errors get no CORS header. Set cors: { allowOrigin } to choose.`,
    );
    return undefined;
  }
  return {
    allowOrigin: origin,
    ...(options.allowCredentials === true && origin !== '*' ? { allowCredentials: true } : {}),
  };
};
