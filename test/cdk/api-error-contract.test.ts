/**
 * `ApiErrorContract` on users' APIs: a RestApi with its own routes and gateway response, a
 * LambdaRestApi, IAM and Cognito authorizers, a SpecRestApi, an HttpApi.
 */
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

describe('props checked at synth', () => {
  it.each([
    [{ api: {} }, /api must be an apigateway.RestApi/],
    [{ existingGatewayResponses: 'replace' }, /existingGatewayResponses must be one of/],
    [{ missingAuthenticationToken: 404 }, /missingAuthenticationToken must be one of/],
    [{ cors: { allowOrigin: 'https://a.com, https://b.com' } }, /cors.allowOrigin must be/],
    [{ cors: { allowOrigin: '*', allowCredentials: true } }, /refuse credentials/],
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
