/**
 * `ApiErrorContract` on users' APIs: a RestApi with its own routes and gateway response, a
 * LambdaRestApi, IAM and Cognito authorizers, a SpecRestApi, an HttpApi.
 */
import { CfnParameter } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accessLogFormatString,
  HTTP_ACCESS_LOG_FIELDS,
  REST_ACCESS_LOG_FIELDS,
} from '../../src/cdk/access-log.js';
import { ApiErrorContract } from '../../src/cdk/api-error-contract.js';
import { GATEWAY_ERROR_RESPONSES } from '../../src/cdk/gateway-responses.js';
import { nagFindingsUnder, nagRules, synth, userFunction, userStack } from './user-stack.js';

const VARIABLE = /\$context\.[A-Za-z0-9_.]*[A-Za-z0-9_]/g;
const CONTRACT_KEYS = ['error', 'message', 'requestId', 'traceId'];

type Props = Record<string, unknown>;

const restApiWithRoutes = () => {
  const { app, stack } = userStack();
  const orders = userFunction(stack, 'Orders');
  const api = new apigw.RestApi(stack, 'Api');
  api.root.addResource('orders').addMethod('GET', new apigw.LambdaIntegration(orders));
  api.root.addResource('health').addMethod('GET', new apigw.MockIntegration());
  return { app, stack, api, orders };
};

const responsesOf = (stack: Parameters<typeof synth>[0]) =>
  new Map(
    synth(stack)
      .ofType('AWS::ApiGateway::GatewayResponse')
      .map(([, r]) => [r.Properties.ResponseType as string, r.Properties]),
  );

const templateOf = (props: Props): string =>
  (props.ResponseTemplates as Record<string, string>)['application/json'] as string;

describe('REST API with its own routes', () => {
  it('answers all 21 response types, each in the JSON contract even with empty $context values', () => {
    const { stack, api } = restApiWithRoutes();
    new ApiErrorContract(stack, 'ErrorContract', { api });
    const responses = responsesOf(stack);
    expect(responses.size).toBe(21);
    for (const [type, props] of responses) {
      for (const empty of ['', '-']) {
        const body = JSON.parse(templateOf(props).replace(VARIABLE, empty)) as Props;
        expect(Object.keys(body).sort(), type).toEqual(CONTRACT_KEYS);
        expect(body.error, type).toMatch(/^[a-z]+(_[a-z]+)*$/);
      }
      expect(templateOf(props)).not.toContain('$context.requestId');
      expect(props.ResponseParameters).toMatchObject({
        'gatewayresponse.header.Cache-Control': "'no-store'",
      });
    }
  });

  it('renders valid JSON whatever API Gateway substitutes (no `"` in its values)', () => {
    const { stack, api } = restApiWithRoutes();
    new ApiErrorContract(stack, 'ErrorContract', { api });
    const templates = [...responsesOf(stack).values()].map(templateOf);
    fc.assert(
      fc.property(
        fc.string().filter((s) => ![...s].some((c) => c === '"' || c === '\\' || c < ' ')),
        (value) => {
          for (const template of templates) JSON.parse(template.replace(VARIABLE, () => value));
        },
      ),
    );
  });

  it('answers an unknown route 404 not_found when no method uses IAM', () => {
    const { stack, api } = restApiWithRoutes();
    new ApiErrorContract(stack, 'ErrorContract', { api });
    const props = responsesOf(stack).get('MISSING_AUTHENTICATION_TOKEN') as Props;
    expect(props.StatusCode).toBe('404');
    expect(JSON.parse(templateOf(props).replace(VARIABLE, ''))).toMatchObject({
      error: 'not_found',
    });
  });

  it('traces the stage and writes the JSON access log to a log group with retention', () => {
    const { stack, api } = restApiWithRoutes();
    const contract = new ApiErrorContract(stack, 'ErrorContract', { api });
    const { template } = synth(stack);
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      TracingEnabled: true,
      AccessLogSetting: {
        DestinationArn: {
          'Fn::GetAtt': [
            stack.getLogicalId(contract.accessLogGroup?.node.defaultChild as never),
            'Arn',
          ],
        },
        Format: accessLogFormatString(REST_ACCESS_LOG_FIELDS),
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('keeps the user gateway response by default, or overrides it', () => {
    for (const existing of ['keep', 'override'] as const) {
      const { stack, api } = restApiWithRoutes();
      api.addGatewayResponse('Mine', {
        type: apigw.ResponseType.THROTTLED,
        statusCode: '503',
        templates: { 'application/json': '{"mine":true}' },
      });
      new ApiErrorContract(stack, 'ErrorContract', { api, existingGatewayResponses: existing });
      const throttled = synth(stack)
        .ofType('AWS::ApiGateway::GatewayResponse')
        .filter(([, r]) => r.Properties.ResponseType === 'THROTTLED');
      expect(throttled).toHaveLength(1);
      expect((throttled[0]?.[1] as { Properties: Props } | undefined)?.Properties.StatusCode).toBe(
        existing === 'keep' ? '503' : '429',
      );
    }
  });

  it('refuses a second response of a type added after it, with what to do', () => {
    const { stack, api } = restApiWithRoutes();
    new ApiErrorContract(stack, 'ErrorContract', { api });
    api.addGatewayResponse('Late', { type: apigw.ResponseType.THROTTLED });
    expect(() => synth(stack)).toThrow(/Two gateway responses of type THROTTLED/);
  });

  it('copies a single CORS origin of the API onto the gateway responses', () => {
    const { stack } = userStack();
    const api = new apigw.RestApi(stack, 'Api', {
      defaultCorsPreflightOptions: {
        allowOrigins: ['https://app.example.com'],
        allowCredentials: true,
      },
    });
    api.root.addMethod('GET', new apigw.MockIntegration());
    new ApiErrorContract(stack, 'ErrorContract', { api });
    for (const props of responsesOf(stack).values()) {
      expect(props.ResponseParameters).toMatchObject({
        'gatewayresponse.header.Access-Control-Allow-Origin': "'https://app.example.com'",
        'gatewayresponse.header.Access-Control-Allow-Credentials': "'true'",
        'gatewayresponse.header.Vary': "'Origin'",
      });
    }
  });

  it('sets no CORS header without CORS options, and warns when the API has several origins', () => {
    const plain = restApiWithRoutes();
    new ApiErrorContract(plain.stack, 'ErrorContract', { api: plain.api });
    for (const props of responsesOf(plain.stack).values()) {
      expect(JSON.stringify(props.ResponseParameters)).not.toContain('Access-Control');
    }
    const { stack } = userStack();
    const api = new apigw.RestApi(stack, 'Api', {
      defaultCorsPreflightOptions: {
        allowOrigins: ['https://a.example.com', 'https://b.example.com'],
      },
    });
    api.root.addMethod('GET', new apigw.MockIntegration());
    new ApiErrorContract(stack, 'ErrorContract', { api });
    expect(JSON.stringify(responsesOf(stack).get('DEFAULT_4XX')?.ResponseParameters)).not.toContain(
      'Access-Control',
    );
    const warnings = Annotations.fromStack(stack).findWarning(
      '*',
      Match.stringLikeRegexp('origins'),
    );
    expect(warnings).toHaveLength(1);
  });

  it('adds no cdk-nag finding of its own (the user API keeps its own findings)', () => {
    const { app, stack, api } = restApiWithRoutes();
    new ApiErrorContract(stack, 'ErrorContract', { api });
    expect(nagFindingsUnder(app, '/ErrorContract')).toEqual([]);
    // The contract fixes the access log finding the bare API had; the rules are live.
    expect(nagRules(app)).not.toContain('AwsSolutions-APIG1');
    const bare = restApiWithRoutes();
    expect(nagRules(bare.app)).toContain('AwsSolutions-APIG1');
  });
});

describe('authorizers: an honest status for MISSING_AUTHENTICATION_TOKEN', () => {
  it('keeps 403 when a method needs an IAM signature, even one added after the construct', () => {
    const { stack, api } = restApiWithRoutes();
    new ApiErrorContract(stack, 'ErrorContract', { api });
    api.root.addResource('admin').addMethod('GET', new apigw.MockIntegration(), {
      authorizationType: apigw.AuthorizationType.IAM,
    });
    const props = responsesOf(stack).get('MISSING_AUTHENTICATION_TOKEN') as Props;
    expect(props.StatusCode).toBe('403');
    expect(JSON.parse(templateOf(props).replace(VARIABLE, ''))).toMatchObject({
      error: 'forbidden',
    });
  });

  it('answers 404 with a Cognito authorizer (a missing token there is UNAUTHORIZED, 401)', () => {
    const { stack, api } = restApiWithRoutes();
    const authorizer = new apigw.CognitoUserPoolsAuthorizer(stack, 'Authorizer', {
      cognitoUserPools: [new cognito.UserPool(stack, 'Users')],
    });
    api.root.addResource('me').addMethod('GET', new apigw.MockIntegration(), { authorizer });
    new ApiErrorContract(stack, 'ErrorContract', { api });
    const responses = responsesOf(stack);
    expect(responses.get('MISSING_AUTHENTICATION_TOKEN')?.StatusCode).toBe('404');
    expect(responses.get('UNAUTHORIZED')?.StatusCode).toBe('401');
  });

  it('sees an IAM method declared as a raw CfnMethod, before or after the construct', () => {
    for (const after of [false, true]) {
      const { stack, api } = restApiWithRoutes();
      const raw = () =>
        new apigw.CfnMethod(stack, 'RawAdmin', {
          restApiId: api.restApiId,
          resourceId: api.root.resourceId,
          httpMethod: 'POST',
          authorizationType: 'AWS_IAM',
        });
      if (!after) raw();
      new ApiErrorContract(stack, 'ErrorContract', { api });
      if (after) raw();
      expect(responsesOf(stack).get('MISSING_AUTHENTICATION_TOKEN')?.StatusCode, `${after}`).toBe(
        '403',
      );
    }
  });

  it('sees IAM set on a method through its L1, and keeps 404 for a raw method without IAM', () => {
    const open = restApiWithRoutes();
    new apigw.CfnMethod(open.stack, 'RawOpen', {
      restApiId: open.api.restApiId,
      resourceId: open.api.root.resourceId,
      httpMethod: 'POST',
      authorizationType: 'NONE',
    });
    new ApiErrorContract(open.stack, 'ErrorContract', { api: open.api });
    expect(responsesOf(open.stack).get('MISSING_AUTHENTICATION_TOKEN')?.StatusCode).toBe('404');

    const { stack, api } = restApiWithRoutes();
    new ApiErrorContract(stack, 'ErrorContract', { api });
    const method = api.root.addMethod('PUT', new apigw.MockIntegration());
    (method.node.defaultChild as apigw.CfnMethod).authorizationType = 'AWS_IAM';
    expect(responsesOf(stack).get('MISSING_AUTHENTICATION_TOKEN')?.StatusCode).toBe('403');
  });

  it('keeps 403 when an authorization type is known at deploy time only', () => {
    const { stack, api } = restApiWithRoutes();
    new apigw.CfnMethod(stack, 'RawAdmin', {
      restApiId: api.restApiId,
      resourceId: api.root.resourceId,
      httpMethod: 'POST',
      authorizationType: new CfnParameter(stack, 'AuthType').valueAsString,
    });
    new ApiErrorContract(stack, 'ErrorContract', { api });
    expect(responsesOf(stack).get('MISSING_AUTHENTICATION_TOKEN')?.StatusCode).toBe('403');
  });

  it('follows the prop over the detection', () => {
    const { stack, api } = restApiWithRoutes();
    new ApiErrorContract(stack, 'ErrorContract', { api, missingAuthenticationToken: 'forbidden' });
    expect(responsesOf(stack).get('MISSING_AUTHENTICATION_TOKEN')?.StatusCode).toBe('403');
  });
});

describe('LambdaRestApi and SpecRestApi', () => {
  it('covers a LambdaRestApi (proxy, every path to one function)', () => {
    const { stack } = userStack();
    const api = new apigw.LambdaRestApi(stack, 'Api', { handler: userFunction(stack, 'Handler') });
    new ApiErrorContract(stack, 'ErrorContract', { api });
    expect(responsesOf(stack).size).toBe(21);
    synth(stack).template.hasResourceProperties('AWS::ApiGateway::Stage', { TracingEnabled: true });
  });

  it('keeps 403 on a SpecRestApi, whose methods it cannot see, and says so', () => {
    const { stack } = userStack();
    const api = new apigw.SpecRestApi(stack, 'Api', {
      apiDefinition: apigw.ApiDefinition.fromInline({
        openapi: '3.0.2',
        info: { title: 't', version: '1' },
        paths: {},
      }),
    });
    new ApiErrorContract(stack, 'ErrorContract', { api });
    expect(responsesOf(stack).get('MISSING_AUTHENTICATION_TOKEN')?.StatusCode).toBe('403');
    expect(
      Annotations.fromStack(stack).findInfo('*', Match.stringLikeRegexp('SpecRestApi')),
    ).toHaveLength(1);
  });
});

describe('HTTP API', () => {
  const httpApi = () => {
    const { app, stack } = userStack();
    const api = new apigwv2.HttpApi(stack, 'Api');
    api.addRoutes({
      path: '/orders',
      methods: [apigwv2.HttpMethod.GET],
      integration: new HttpLambdaIntegration('Orders', userFunction(stack, 'Orders')),
    });
    return { app, stack, api };
  };

  it('writes the JSON access log on the default stage, and no gateway response', () => {
    const { stack, api } = httpApi();
    const contract = new ApiErrorContract(stack, 'ErrorContract', { api });
    const { template } = synth(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: {
        DestinationArn: {
          'Fn::GetAtt': [
            stack.getLogicalId(contract.accessLogGroup?.node.defaultChild as never),
            'Arn',
          ],
        },
        Format: accessLogFormatString(HTTP_ACCESS_LOG_FIELDS),
      },
    });
    template.resourceCountIs('AWS::ApiGateway::GatewayResponse', 0);
    expect(contract.gatewayResponses).toEqual([]);
  });

  it('states at synth what an HTTP API cannot do', () => {
    const { stack, api } = httpApi();
    new ApiErrorContract(stack, 'ErrorContract', { api });
    const infos = Annotations.fromStack(stack).findInfo('*', Match.stringLikeRegexp('X-Ray'));
    expect(infos).toHaveLength(1);
    expect(JSON.stringify(infos[0]?.entry.data)).toContain('cannot be customized');
  });

  it('refuses REST-only props with the reason', () => {
    const { stack, api } = httpApi();
    expect(() => new ApiErrorContract(stack, 'ErrorContract', { api, tracing: true })).toThrow(
      /tracing: REST APIs only/,
    );
  });

  it('adds no cdk-nag finding of its own', () => {
    const { app, stack, api } = httpApi();
    new ApiErrorContract(stack, 'ErrorContract', { api });
    expect(nagFindingsUnder(app, '/ErrorContract')).toEqual([]);
  });
});

describe('one contract per stage', () => {
  it('refuses a second contract on the stage, naming the first', () => {
    const { stack, api } = restApiWithRoutes();
    new ApiErrorContract(stack, 'ErrorContract', { api });
    const again = [{ api }, { api, stage: api.deploymentStage }, { api, accessLog: false }];
    for (const [index, props] of again.entries()) {
      expect(() => new ApiErrorContract(stack, `Again${index}`, props)).toThrow(
        /the stage users\/Api\/DeploymentStage\.prod already has an ApiErrorContract \(users\/ErrorContract\): one per stage/,
      );
    }
  });

  it('refuses a second contract on an HTTP API stage', () => {
    const { stack } = userStack();
    const api = new apigwv2.HttpApi(stack, 'Api');
    new ApiErrorContract(stack, 'ErrorContract', { api });
    expect(() => new ApiErrorContract(stack, 'Again', { api })).toThrow(/one per stage/);
  });

  it('takes a contract per stage of one REST API: each stage its own log, one set of responses', () => {
    const { stack, api } = restApiWithRoutes();
    const prod = new ApiErrorContract(stack, 'ErrorContract', { api });
    const staging = new apigw.Stage(stack, 'Staging', {
      deployment: api.latestDeployment as apigw.Deployment,
      stageName: 'staging',
    });
    const second = new ApiErrorContract(stack, 'StagingContract', { api, stage: staging });
    expect(responsesOf(stack).size).toBe(21);
    const destinations = synth(stack)
      .ofType('AWS::ApiGateway::Stage')
      .map(([, r]) => JSON.stringify((r.Properties.AccessLogSetting as Props).DestinationArn));
    expect(destinations.sort()).toEqual(
      [prod, second]
        .map((c) =>
          JSON.stringify({
            'Fn::GetAtt': [stack.getLogicalId(c.accessLogGroup?.node.defaultChild as never), 'Arn'],
          }),
        )
        .sort(),
    );
  });
});

describe('props checked at synth', () => {
  it.each([
    [{ api: {} }, /api must be an apigateway.RestApi/],
    [{ existingGatewayResponses: 'replace' }, /existingGatewayResponses must be one of/],
    [{ missingAuthenticationToken: 404 }, /missingAuthenticationToken must be one of/],
    [{ cors: { allowOrigin: 'https://a.com, https://b.com' } }, /cors.allowOrigin must be/],
    [{ cors: { allowOrigin: '*', allowCredentials: true } }, /refuse credentials/],
    [{ cors: true }, /cors must be \{ allowOrigin \} or false, not true/],
    [
      { cors: { allowOrigin: 'https://a.com', allowCredentials: 'yes' } },
      /cors.allowCredentials must be true or false/,
    ],
    [{ accessLog: 'no' }, /accessLog must be true or false, not "no"/],
    [{ tracing: 0 }, /tracing must be true or false, not 0/],
  ])('%j', (overrides, message) => {
    const { stack, api } = restApiWithRoutes();
    expect(
      () =>
        new ApiErrorContract(stack, 'ErrorContract', { api, ...(overrides as object) } as never),
    ).toThrow(message);
  });

  it('asks for a stage when the REST API has none', () => {
    const { stack } = userStack();
    const api = new apigw.RestApi(stack, 'Api', { deploy: false });
    api.root.addMethod('GET', new apigw.MockIntegration());
    expect(() => new ApiErrorContract(stack, 'ErrorContract', { api })).toThrow(/pass stage/);
  });
});

it('has 21 response types in its table, one per ResponseType, none twice', () => {
  const types = [
    ...GATEWAY_ERROR_RESPONSES.map((r) => r.type.responseType),
    'MISSING_AUTHENTICATION_TOKEN',
  ];
  expect(new Set(types).size).toBe(21);
});
