/**
 * Props checks at synth, each with a message that says what to change. CDK users reach these
 * from TypeScript and from plain JavaScript (or jsii-free YAML-ish configs), so the types alone
 * do not guard them.
 */

import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { Token } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';
import type { ApiErrorContractProps } from './contract-props.js';

/** A props error: the construct path and what to change. */
export class PropsError extends Error {
  override name = 'PropsError';
}

const fail = (scope: Construct, message: string): never => {
  throw new PropsError(`${scope.node.path}: ${message}`);
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** `rest` for a REST API (it has a `restApiId`), `http` for an HTTP API, else undefined. */
export const apiKind = (api: unknown): 'rest' | 'http' | undefined => {
  if (!isObject(api)) return undefined;
  if (typeof api.restApiId === 'string') return 'rest';
  if (typeof api.httpApiId === 'string') return 'http';
  return undefined;
};

const REST_ONLY = [
  'tracing',
  'existingGatewayResponses',
  'missingAuthenticationToken',
  'cors',
] as const;

const oneOf = (
  scope: Construct,
  name: string,
  value: unknown,
  allowed: readonly string[],
): void => {
  if (value !== undefined && !allowed.includes(value as string)) {
    fail(
      scope,
      `${name} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, not ${JSON.stringify(value)}`,
    );
  }
};

/**
 * Checks `ApiErrorContract` props.
 *
 * @returns the kind of API and the stage to configure.
 */
export const validateContractProps = (
  scope: Construct,
  props: ApiErrorContractProps,
): { kind: 'rest' | 'http'; stage: apigw.Stage | apigwv2.IHttpStage } => {
  if (!isObject(props)) return fail(scope, 'props are required: { api }');
  const kind = apiKind(props.api);
  if (kind === undefined) {
    return fail(
      scope,
      'api must be an apigateway.RestApi, LambdaRestApi, SpecRestApi or an apigatewayv2.HttpApi',
    );
  }
  oneOf(scope, 'existingGatewayResponses', props.existingGatewayResponses, ['keep', 'override']);
  oneOf(scope, 'missingAuthenticationToken', props.missingAuthenticationToken, [
    'auto',
    'notFound',
    'forbidden',
  ]);
  if (props.accessLog === false && props.accessLogGroup !== undefined) {
    fail(scope, 'accessLogGroup is given but accessLog is false: drop one');
  }
  if (kind === 'http') {
    const given = REST_ONLY.filter((name) => props[name] !== undefined);
    if (given.length > 0) {
      fail(
        scope,
        `${given.join(', ')}: REST APIs only (an HTTP API has no gateway responses and no X-Ray)`,
      );
    }
    const stage = props.stage ?? (props.api as apigwv2.HttpApi).defaultStage;
    if (stage === undefined) fail(scope, 'the HTTP API has no default stage: pass stage');
    return { kind, stage: stage as apigwv2.IHttpStage };
  }
  if (isObject(props.cors)) {
    const origin = props.cors.allowOrigin;
    if (
      typeof origin !== 'string' ||
      origin.length === 0 ||
      (!Token.isUnresolved(origin) && /['\s,]/.test(origin))
    ) {
      fail(
        scope,
        `cors.allowOrigin must be "*" or one origin such as "https://app.example.com", not ${JSON.stringify(origin)}`,
      );
    }
    if (origin === '*' && props.cors.allowCredentials === true) {
      fail(scope, 'cors: browsers refuse credentials with allowOrigin "*": name the origin');
    }
  }
  let stage = props.stage as apigw.Stage | undefined;
  if (stage === undefined) {
    try {
      stage = (props.api as apigw.RestApiBase).deploymentStage;
    } catch {
      // RestApiBase throws when it was built with `deploy: false` and no stage was set.
      stage = undefined;
    }
    if (stage === undefined)
      fail(scope, 'the REST API has no deployment stage (deploy: false): pass stage');
  }
  return { kind, stage: stage as apigw.Stage };
};
