/**
 * The REST half of `ApiErrorContract`: one gateway response per response type, the user's own
 * kept or overridden in place, the MISSING_AUTHENTICATION_TOKEN status decided at synth from the API's
 * methods (methods added after the construct count too).
 */

import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { Annotations, Lazy, Stack } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';
import {
  GATEWAY_ERROR_RESPONSES,
  type GatewayErrorResponse,
  gatewayErrorHeaderMappings,
  gatewayErrorTemplate,
  missingTokenResponse,
} from './gateway-responses.js';

/**
 * What to do with gateway responses the API already has.
 * @example
 * ```ts
 * new ApiErrorContract(this, 'ErrorContract', { api, existingGatewayResponses: 'keep' });
 * ```
 */
export type ExistingGatewayResponses = 'keep' | 'override';

/**
 * How MISSING_AUTHENTICATION_TOKEN answers.
 * @example
 * ```ts
 * new ApiErrorContract(this, 'ErrorContract', { api, missingAuthenticationToken: 'notFound' });
 * ```
 */
export type MissingAuthenticationToken = 'auto' | 'notFound' | 'forbidden';

/** The options the REST half takes (validated by the construct). */
export interface RestResponsesOptions {
  readonly existing: ExistingGatewayResponses;
  readonly missingToken: MissingAuthenticationToken;
  readonly corsHeaders: Readonly<Record<string, string>>;
}

/** The gateway responses of `api` anywhere in its stack (the L1s, whoever made them). */
export const gatewayResponsesOf = (api: apigw.IRestApi): apigw.CfnGatewayResponse[] => {
  const stack = Stack.of(api);
  const apiId = JSON.stringify(stack.resolve(api.restApiId));
  return stack.node
    .findAll()
    .filter((c): c is apigw.CfnGatewayResponse => c instanceof apigw.CfnGatewayResponse)
    .filter((c) => JSON.stringify(stack.resolve(c.restApiId)) === apiId);
};

const responseTypeOf = (cfn: apigw.CfnGatewayResponse): string =>
  String(Stack.of(cfn).resolve(cfn.responseType));

/**
 * The methods of `api`: its `methods` (wherever they are) and every `CfnMethod` of its stack on
 * its id, for a method declared as a raw L1.
 */
const cfnMethodsOf = (api: apigw.RestApi): apigw.CfnMethod[] => {
  const stack = Stack.of(api);
  const apiId = JSON.stringify(stack.resolve(api.restApiId));
  const raw = stack.node
    .findAll()
    .filter(
      (c): c is apigw.CfnMethod =>
        c instanceof apigw.CfnMethod &&
        Stack.of(c) === stack &&
        JSON.stringify(stack.resolve(c.restApiId)) === apiId,
    );
  const attached = api.methods.map((method) => method.node.defaultChild as apigw.CfnMethod);
  return [...new Set([...attached, ...raw])];
};

/**
 * Whether an unknown route is the only reason for MISSING_AUTHENTICATION_TOKEN: no method of the
 * API uses IAM. `undefined` when the methods are unknown (a `SpecRestApi`'s live in its spec).
 *
 * Read from each `CfnMethod`'s `authorizationType` property, so call it at synth (the status is
 * lazy) to count methods added, or changed through the L1, after the construct. An
 * `AuthorizationType` set with `addPropertyOverride` / `addOverride` is not seen: CDK keeps
 * overrides private (docs/cdk.md says so). A value known at deploy time only counts as IAM:
 * 403 is the answer that is never wrong.
 */
export const noIamMethod = (api: apigw.IRestApi): boolean | undefined => {
  if (!(api instanceof apigw.RestApi)) return undefined;
  const stack = Stack.of(api);
  return cfnMethodsOf(api).every((cfn) => {
    const type: unknown = stack.resolve(cfn.authorizationType);
    return type === undefined || (typeof type === 'string' && type !== apigw.AuthorizationType.IAM);
  });
};

/**
 * Adds the contract's gateway responses to `api`.
 *
 * @returns the responses created (not the user's, overridden in place).
 */
export const addGatewayResponses = (
  scope: Construct,
  api: apigw.IRestApi,
  options: RestResponsesOptions,
): apigw.GatewayResponse[] => {
  // Theirs, by type. Overridden in place: a removed response would leave the API's deployment
  // depending on a resource that no longer exists.
  const theirs = new Map(gatewayResponsesOf(api).map((cfn) => [responseTypeOf(cfn), cfn]));

  const missingToken = (): GatewayErrorResponse => {
    if (options.missingToken !== 'auto')
      return missingTokenResponse(options.missingToken === 'notFound');
    return missingTokenResponse(noIamMethod(api) === true);
  };
  if (options.missingToken === 'auto' && noIamMethod(api) === undefined) {
    Annotations.of(scope).addInfo(
      'The methods of this API are not known at synth (a SpecRestApi): MISSING_AUTHENTICATION_TOKEN stays 403. Set missingAuthenticationToken: "notFound" if no method uses IAM.',
    );
  }

  const entries: (() => GatewayErrorResponse)[] = [
    ...GATEWAY_ERROR_RESPONSES.map((entry) => () => entry),
    missingToken,
  ];
  const created: apigw.GatewayResponse[] = [];
  for (const entry of entries) {
    const first = entry();
    const existing = theirs.get(first.type.responseType);
    if (existing !== undefined && options.existing === 'keep') continue;
    const lazy = first.type === apigw.ResponseType.MISSING_AUTHENTICATION_TOKEN;
    const status = (): string | undefined => {
      const { status: value } = entry();
      return value === undefined ? undefined : String(value);
    };
    const statusCode = lazy ? Lazy.string({ produce: status }) : status();
    const headers = gatewayErrorHeaderMappings(first, options.corsHeaders);
    const template = lazy
      ? Lazy.string({ produce: () => gatewayErrorTemplate(entry()) })
      : gatewayErrorTemplate(first);
    if (existing !== undefined) {
      existing.statusCode = statusCode;
      existing.responseTemplates = { 'application/json': template };
      existing.responseParameters = Object.fromEntries(
        Object.entries(headers).map(([name, value]) => [`gatewayresponse.header.${name}`, value]),
      );
      continue;
    }
    created.push(
      new apigw.GatewayResponse(scope, first.id, {
        restApi: api,
        type: first.type,
        ...(statusCode === undefined ? {} : { statusCode }),
        responseHeaders: headers,
        templates: { 'application/json': template },
      }),
    );
  }

  // A response of the same type added after this construct would clash at deploy time.
  scope.node.addValidation({
    validate: () => {
      const counts = new Map<string, number>();
      for (const cfn of gatewayResponsesOf(api)) {
        const type = responseTypeOf(cfn);
        counts.set(type, (counts.get(type) ?? 0) + 1);
      }
      return [...counts]
        .filter(([, count]) => count > 1)
        .map(
          ([type]) =>
            `Two gateway responses of type ${type} on one API: add yours before ApiErrorContract (existingGatewayResponses: "keep" keeps it) or drop it.`,
        );
    },
  });
  return created;
};
