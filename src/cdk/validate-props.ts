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

/**
 * Throws a `PropsError` naming the construct.
 * @param scope - the construct whose props are wrong.
 * @param message - what is wrong and what to change.
 */
export const fail = (scope: Construct, message: string): never => {
  throw new PropsError(`${scope.node.path}: ${message}`);
};

/**
 * Refuses a non-boolean for an optional boolean prop: from plain JavaScript, `'yes'` or `0`
 * would otherwise read as "not `false`", the opposite of what `'no'` meant.
 */
export const optionalBoolean = (scope: Construct, name: string, value: unknown): void => {
  if (value !== undefined && typeof value !== 'boolean') {
    fail(scope, `${name} must be true or false, not ${JSON.stringify(value)}`);
  }
};

/** CloudWatch dashboard names (PutDashboard): 1 to 255 of these characters. */
const DASHBOARD_NAME = /^[A-Za-z0-9_-]{1,255}$/;

/**
 * Checks a `dashboardName`: a CloudWatch dashboard name or `false`. A token is left to
 * CloudFormation: its value is known at deploy time only.
 */
export const checkDashboardName = (scope: Construct, value: unknown): void => {
  if (value === undefined || value === false) return;
  if (typeof value === 'string' && (Token.isUnresolved(value) || DASHBOARD_NAME.test(value))) {
    return;
  }
  fail(
    scope,
    `dashboardName must be 1 to 255 characters of A-Z, a-z, 0-9, "-" and "_" (a CloudWatch dashboard name), or false for no dashboard, not ${JSON.stringify(value)}`,
  );
};

/**
 * Checks a `queryFolder`: 1 to 200 characters (the query names add up to 18 more, of the 255 a
 * query definition name takes) or `false`. A token is left to CloudFormation.
 */
export const checkQueryFolder = (scope: Construct, value: unknown): void => {
  if (value === undefined || value === false) return;
  if (
    typeof value === 'string' &&
    (Token.isUnresolved(value) || (value.length > 0 && value.length <= 200))
  ) {
    return;
  }
  fail(
    scope,
    `queryFolder must be 1 to 200 characters, or false for no saved queries, not ${JSON.stringify(value)}`,
  );
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
  optionalBoolean(scope, 'accessLog', props.accessLog);
  optionalBoolean(scope, 'tracing', props.tracing);
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
  if (props.cors !== undefined && props.cors !== false && !isObject(props.cors)) {
    fail(scope, `cors must be { allowOrigin } or false, not ${JSON.stringify(props.cors)}`);
  }
  if (isObject(props.cors)) {
    optionalBoolean(scope, 'cors.allowCredentials', props.cors.allowCredentials);
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
