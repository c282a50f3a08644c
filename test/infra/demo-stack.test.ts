/**
 * The synthesized `demo` stack: functions, logs, API, gateway responses, the saved query, the
 * outputs, and cdk-nag. Synthesized once for the whole file, without bundling (see
 * synth-demo.ts; bundled-assets.test.ts runs the bundles).
 */
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DemoStack,
  METRICS_NAMESPACE,
  PLACEHOLDER_TRACE_ID,
  SERVICE_NAME,
  TRACE_QUERY_NAME,
} from '../../infra/demo-stack.js';
import { routes } from '../../infra/handlers/routes.js';
import { accessLogFormatString } from '../../src/cdk/access-log.js';
import { GATEWAY_ERROR_RESPONSES, missingTokenResponse } from '../../src/cdk/gateway-responses.js';
import {
  cdkJson,
  FUNCTION_PATHS,
  type Resource,
  type SynthesizedDemo,
  synthDemo,
} from './synth-demo.js';

const CONTRACT_KEYS = ['error', 'message', 'requestId', 'traceId'];
const TRACE_ID = '1-5759e988-bd862e3fe1be46a994272793';
const EXTENDED_REQUEST_ID = 'Fb7sKHWjIAMFmAg=';

/** What API Gateway does to a gateway response template: plain `$context` substitution. */
const renderGatewayTemplate = (template: string, message: string): unknown =>
  JSON.parse(
    template
      .replaceAll('"$context.error.message"', JSON.stringify(message))
      .replaceAll('$context.xrayTraceId', TRACE_ID)
      .replaceAll('$context.extendedRequestId', EXTENDED_REQUEST_ID),
  );

let demo: SynthesizedDemo;
let app: App;
let stack: DemoStack;
let template: Template;
let resources: Record<string, Resource>;
const ofType = (type: string) => demo.ofType(type);
const functionLogicalId = (path: string) => demo.functionLogicalId(path);

beforeAll(() => {
  demo = synthDemo();
  ({ app, stack, template, resources } = demo);
});

afterAll(() => {
  demo?.cleanup();
});

describe('cdk.json', () => {
  it('runs the TypeScript app with tsx, no build step', () => {
    expect(cdkJson.app).toBe('npx tsx infra/app.ts');
  });
});

describe('Lambda functions', () => {
  it('has exactly one function per route, and one behind the /stream function URL', () => {
    template.resourceCountIs('AWS::Lambda::Function', routes.length + 1);
  });

  it.each(routes.map((route) => route.path))('%s: Node.js 24, X-Ray active, JSON logs', (path) => {
    const fn = resources[functionLogicalId(path)] as Resource;
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogFormat: 'JSON' },
      Timeout: path === '/slow' ? 3 : 10,
      Environment: {
        Variables: {
          POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
          POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        },
      },
    });
  });

  it('loads no source map at run time (its first stack read cost /slow its deadline)', () => {
    const functions = Object.entries(resources).filter(
      ([, resource]) => resource.Type === 'AWS::Lambda::Function',
    );
    expect(functions).toHaveLength(routes.length + 1);
    for (const [id, fn] of functions) {
      const variables = (fn.Properties.Environment as { Variables: Record<string, string> })
        .Variables;
      expect(variables.NODE_OPTIONS ?? '', id).not.toContain('source-map');
    }
  });

  it('gives each function its own log group, with retention, deleted with the stack', () => {
    const groups = new Set<string>();
    for (const route of routes) {
      const fn = resources[functionLogicalId(route.path)] as Resource;
      const ref = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      const group = resources[ref] as Resource;
      expect(group.Type).toBe('AWS::Logs::LogGroup');
      expect(group.Properties.RetentionInDays).toBe(7);
      expect(group.DeletionPolicy).toBe('Delete');
      groups.add(ref);
    }
    expect(groups.size).toBe(routes.length);
  });

  it('uses no deprecated logRetention custom resource', () => {
    template.resourceCountIs('Custom::LogRetention', 0);
  });

  it('lets each function write to its own log group only, not through a managed policy', () => {
    for (const route of routes) {
      const fn = resources[functionLogicalId(route.path)] as Resource;
      const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      expect((resources[roleId] as Resource).Properties.ManagedPolicyArns).toBeUndefined();
      const groupId = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: roleId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              Resource: { 'Fn::GetAtt': [groupId, 'Arn'] },
            }),
          ]),
        },
      });
    }
  });
});

describe('REST API', () => {
  const stage = (): Resource => {
    const stages = ofType('AWS::ApiGateway::Stage');
    expect(stages).toHaveLength(1);
    return (stages[0] as [string, Resource])[1];
  };

  it('has one GET method per route, each on its own Lambda', () => {
    for (const route of routes) {
      const [resourceId] = ofType('AWS::ApiGateway::Resource').find(
        ([, r]) => r.Properties.PathPart === route.path.slice(1),
      ) ?? [undefined];
      expect(resourceId, route.path).toBeDefined();
      template.hasResourceProperties('AWS::ApiGateway::Method', {
        HttpMethod: 'GET',
        ResourceId: { Ref: resourceId },
        RequestValidatorId: Match.anyValue(),
        Integration: {
          Type: 'AWS_PROXY',
          Uri: {
            'Fn::Join': [
              '',
              Match.arrayWith([{ 'Fn::GetAtt': [functionLogicalId(route.path), 'Arn'] }]),
            ],
          },
        },
      });
    }
    template.resourceCountIs('AWS::ApiGateway::Method', routes.length);
  });

  it('traces the stage with X-Ray', () => {
    expect(stage().Properties.TracingEnabled).toBe(true);
  });

  it('writes the JSON access log format to the access log group', () => {
    const setting = stage().Properties.AccessLogSetting as {
      DestinationArn: unknown;
      Format: string;
    };
    expect(setting.Format).toBe(accessLogFormatString());
    const accessLogGroupId = demo.logicalIdOf(stack.accessLogGroup);
    expect(JSON.stringify(setting.DestinationArn)).toContain(accessLogGroupId);
  });

  it('sets up the account-level CloudWatch role API Gateway needs for access logs', () => {
    template.resourceCountIs('AWS::ApiGateway::Account', 1);
  });

  it('manages the execution log group, with retention, before the stage exists', () => {
    const [[groupId, group]] = ofType('AWS::Logs::LogGroup').filter(([, g]) =>
      JSON.stringify(g.Properties.LogGroupName ?? '').includes('API-Gateway-Execution-Logs_'),
    ) as [[string, Resource]];
    expect(group.Properties.RetentionInDays).toBe(7);
    const stageResource = template.toJSON().Resources[
      ofType('AWS::ApiGateway::Stage')[0]?.[0] as string
    ] as { DependsOn?: string[] };
    expect(stageResource.DependsOn).toContain(groupId);
  });
});

describe('gateway responses', () => {
  const responses = () =>
    new Map(
      ofType('AWS::ApiGateway::GatewayResponse').map(([, r]) => [
        r.Properties.ResponseType as string,
        r.Properties,
      ]),
    );

  // No demo method uses IAM: an unknown route is the only MISSING_AUTHENTICATION_TOKEN.
  const expectedResponses = [...GATEWAY_ERROR_RESPONSES, missingTokenResponse(true)];

  it('customizes all 21 response types, DEFAULT_4XX and DEFAULT_5XX included', () => {
    const types = [...responses().keys()];
    expect(types).toEqual(expect.arrayContaining(['DEFAULT_4XX', 'DEFAULT_5XX']));
    expect(types.sort()).toEqual(expectedResponses.map((r) => r.type.responseType).sort());
    expect(types).toHaveLength(21);
  });

  it.each(expectedResponses.map((r) => [r.type.responseType, r] as const))(
    '%s answers the JSON contract',
    (type, expected) => {
      const props = responses().get(type) as Record<string, unknown>;
      const templates = props.ResponseTemplates as Record<string, string>;
      expect(Object.keys(templates)).toEqual(['application/json']);
      const body = renderGatewayTemplate(
        templates['application/json'] as string,
        'Missing "Authentication" Token',
      ) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(CONTRACT_KEYS);
      expect(body).toEqual({
        error: expected.error,
        message: expected.message ?? 'Missing "Authentication" Token',
        traceId: TRACE_ID,
        requestId: EXTENDED_REQUEST_ID,
      });
      expect(body.error).toMatch(/^[a-z]+(_[a-z]+)*$/);
      // A caller can set $context.requestId (x-amzn-RequestId); the extended one it cannot.
      expect(templates['application/json']).not.toContain('$context.requestId');
      expect(props.StatusCode).toBe(
        expected.status === undefined ? undefined : String(expected.status),
      );
      expect(props.ResponseParameters).toMatchObject({
        'gatewayresponse.header.Cache-Control': "'no-store'",
        'gatewayresponse.header.X-Content-Type-Options': "'nosniff'",
        'gatewayresponse.header.Access-Control-Allow-Origin': "'*'",
      });
    },
  );

  it('answers an unknown route (MissingAuthenticationToken) as a 404 not_found', () => {
    const props = responses().get('MISSING_AUTHENTICATION_TOKEN') as Record<string, unknown>;
    expect(props.StatusCode).toBe('404');
    expect(
      renderGatewayTemplate(
        (props.ResponseTemplates as Record<string, string>)['application/json'] as string,
        '',
      ),
    ).toMatchObject({ error: 'not_found' });
  });

  it('answers throttling as 429 too_many_requests with Retry-After', () => {
    const props = responses().get('THROTTLED') as Record<string, unknown>;
    expect(props.StatusCode).toBe('429');
    expect(props.ResponseParameters).toMatchObject({ 'gatewayresponse.header.Retry-After': "'1'" });
  });
});

describe('saved Logs Insights query', () => {
  it('searches every function log group and the access log group for one trace id', () => {
    const queries = ofType('AWS::Logs::QueryDefinition');
    expect(queries).toHaveLength(3);
    const [, trace] = queries.find(([, q]) => q.Properties.Name === TRACE_QUERY_NAME) as [
      string,
      Resource,
    ];
    const props = trace.Properties as {
      Name: string;
      QueryString: string;
      LogGroupNames: { Ref: string }[];
    };
    expect(props.Name).toBe(TRACE_QUERY_NAME);
    expect(props.QueryString).toContain(`filter @message like "${PLACEHOLDER_TRACE_ID}"`);
    expect(props.QueryString).toContain('@log');
    expect(props.QueryString).toContain('sort @timestamp asc');
    const expected = [
      ...FUNCTION_PATHS.map(
        (path) =>
          (
            (resources[functionLogicalId(path)] as Resource).Properties.LoggingConfig as {
              LogGroup: { Ref: string };
            }
          ).LogGroup,
      ),
      { Ref: demo.logicalIdOf(stack.accessLogGroup) },
    ];
    expect(props.LogGroupNames).toEqual(expected);
  });
});

describe('outputs', () => {
  it('exports the API URL', () => {
    template.hasOutput('ApiUrl', { Value: Match.anyValue() });
    const url = JSON.stringify(template.findOutputs('ApiUrl').ApiUrl?.Value);
    expect(url).toContain('execute-api');
  });

  it('exports every function log group and the access log group, comma-separated', () => {
    const query = (
      ofType('AWS::Logs::QueryDefinition').find(
        ([, q]) => q.Properties.Name === TRACE_QUERY_NAME,
      ) as [string, Resource]
    )[1].Properties;
    template.hasOutput('LogGroupNames', {
      Value: { 'Fn::Join': [',', query.LogGroupNames] },
    });
  });

  it('exports the access log group name', () => {
    template.hasOutput('AccessLogGroupName', {
      Value: { Ref: demo.logicalIdOf(stack.accessLogGroup) },
    });
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  it('leaves no unacknowledged error or warning', () => {
    // cdk-nag 3 is a policy validation plugin: its findings are a report, not annotations.
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.map((v) => `${v.severity} ${v.ruleName}: ${v.description}`)).toEqual(
      [],
    );
    expect(report.success).toBe(true);
  });

  it('reports findings in this setup (the check is live)', () => {
    const bare = new App({ context: cdkJson.context });
    new RestApi(new Stack(bare, 'bare'), 'Api').root.addMethod('GET');
    const rules = new AwsSolutionsChecks().validateScope(bare).violations.map((v) => v.ruleName);
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-APIG4', 'AwsSolutions-APIG1']));
  });

  it('adds no error or warning annotation of its own', () => {
    const annotations = Annotations.fromStack(stack);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
  });
});
