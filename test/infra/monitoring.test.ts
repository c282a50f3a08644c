/**
 * The alarm and the dashboard of the `demo` stack, read from the synthesized template: they
 * must read the metric the middleware writes (namespace, name, dimensions), which the
 * functions' environment names.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS_METRIC, METRICS_NAMESPACE, SERVICE_NAME } from '../../infra/demo-names.js';
import { routes } from '../../infra/handlers/routes.js';
import { latestErrorsTable } from '../../src/cdk/dashboard.js';
import { FUNCTION_PATHS, type Resource, type SynthesizedDemo, synthDemo } from './synth-demo.js';

let demo: SynthesizedDemo;

beforeAll(() => {
  demo = synthDemo();
});

afterAll(() => {
  demo?.cleanup();
});

const only = (type: string): [string, Resource] => {
  const found = demo.ofType(type);
  expect(found).toHaveLength(1);
  return found[0] as [string, Resource];
};

/** `{Ref: X}` -> `<<X>>`, `{'Fn::GetAtt': [X, 'Arn']}` -> `<<X.Arn>>`: no quotes to break JSON. */
const marker = (token: unknown): string => {
  const { Ref, 'Fn::GetAtt': getAtt } = token as { Ref?: string; 'Fn::GetAtt'?: string[] };
  return `<<${Ref ?? getAtt?.join('.')}>>`;
};

/** The dashboard body: CloudFormation joins literal JSON and tokens (made markers here). */
const dashboardBody = (): {
  widgets: { type: string; properties: Record<string, unknown> }[];
} => {
  const [, dashboard] = only('AWS::CloudWatch::Dashboard');
  const body = dashboard.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] };
  return JSON.parse(
    body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : marker(part))).join(''),
  );
};

describe('every function names the metric it writes', () => {
  it.each(routes.map((route) => route.path))('%s: namespace and service', (path) => {
    const fn = demo.resources[demo.functionLogicalId(path)] as Resource;
    expect(fn.Properties.Environment).toMatchObject({
      Variables: {
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      },
    });
  });
});

describe('5xx alarm', () => {
  it('sums the 5xx answers of the service per minute, fires on the first one', () => {
    // Answered 5xx, escaped Lambda errors (9 functions: one sum), API 5xx rate, API p99.
    demo.template.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    demo.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: METRICS_NAMESPACE,
      MetricName: ERRORS_METRIC,
      // Exactly the [service, statusClass] dimension set the middleware emits.
      Dimensions: [
        { Name: 'service', Value: SERVICE_NAME },
        { Name: 'statusClass', Value: '5xx' },
      ],
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  it('notifies an SNS topic encrypted with a rotated key, SSL only, that CloudWatch may use', () => {
    const [topicId, topic] = only('AWS::SNS::Topic');
    const [keyId, key] = only('AWS::KMS::Key');
    expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Delete');
    const alarms = demo.ofType('AWS::CloudWatch::Alarm');
    for (const [id, alarm] of alarms) {
      expect(alarm.Properties.AlarmActions, id).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.OKActions, id).toEqual([{ Ref: topicId }]);
    }
    const [, policy] = only('AWS::SNS::TopicPolicy');
    const statements = (policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement;
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          // Only the demo's own alarms.
          Condition: {
            ArnEquals: {
              'aws:SourceArn': alarms.map(([id]) => ({ 'Fn::GetAtt': [id, 'Arn'] })),
            },
          },
        }),
      ]),
    );
    const keyStatements = (key.Properties.KeyPolicy as { Statement: unknown[] }).Statement;
    expect(keyStatements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        }),
      ]),
    );
  });
});

describe('dashboard', () => {
  it('graphs the errors of every code with one SEARCH over the metric', () => {
    const graphs = dashboardBody().widgets.filter((w) => w.type === 'metric');
    const search = graphs
      .flatMap((w) => (w.properties.metrics as unknown[][] | undefined) ?? [])
      .map((line) => (line[0] as { expression?: string }).expression)
      .find((expression) => expression?.startsWith('SEARCH('));
    expect(search).toBe(
      `SEARCH('{${METRICS_NAMESPACE},service,code,statusClass} MetricName="${ERRORS_METRIC}" service="${SERVICE_NAME}"', 'Sum', 60)`,
    );
  });

  it('graphs p99 latency of the API stage and of every function', () => {
    const metrics = dashboardBody()
      .widgets.filter((w) => w.type === 'metric')
      .flatMap((w) => (w.properties.metrics as unknown[][] | undefined) ?? []);
    const p99 = (namespace: string, name: string) =>
      metrics.filter(
        (line) =>
          line[0] === namespace &&
          line[1] === name &&
          (line.at(-1) as { stat?: string }).stat === 'p99',
      );
    const stageId = demo.logicalIdOf(demo.stack.api.deploymentStage);
    expect(p99('AWS/ApiGateway', 'Latency')).toEqual([
      [
        'AWS/ApiGateway',
        'Latency',
        'ApiName',
        SERVICE_NAME,
        'Stage',
        `<<${stageId}>>`,
        expect.objectContaining({ stat: 'p99' }),
      ],
    ]);
    const durations = p99('AWS/Lambda', 'Duration');
    // Every route's function and the /stream one.
    expect(durations).toHaveLength(routes.length + 1);
    for (const route of routes) {
      const id = demo.functionLogicalId(route.path);
      expect(
        durations.some((line) => JSON.stringify(line).includes(id)),
        route.path,
      ).toBe(true);
    }
  });

  it('lists the latest error lines with their trace ids, from every function log group', () => {
    const logs = dashboardBody().widgets.filter((w) => w.type === 'log');
    // The latest error lines, and the top error groups.
    expect(logs).toHaveLength(2);
    const text = logs[0]?.properties.query as string;
    const table = latestErrorsTable();
    const sources = text.slice(0, text.indexOf(table));
    const groups = FUNCTION_PATHS.map((path) => {
      const fn = demo.resources[demo.functionLogicalId(path)] as Resource;
      const ref = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      return `SOURCE '<<${ref}>>'`;
    });
    expect(
      sources
        .split('|')
        .map((part) => part.trim())
        .filter(Boolean),
    ).toEqual(groups);
    expect(text.endsWith(table)).toBe(true);
    for (const field of ['traceId', 'code', 'status', 'requestId', '@timestamp']) {
      expect(table).toContain(field);
    }
    expect(table).toContain('sort @timestamp desc');
    expect(logs[1]?.properties.query as string).toContain('by fingerprint');
  });

  it('is named after the stack and exported as DashboardName', () => {
    const [dashboardId, dashboard] = only('AWS::CloudWatch::Dashboard');
    expect(dashboard.Properties.DashboardName).toBe('lambda-error-normalizer-demo');
    demo.template.hasOutput('DashboardName', { Value: { Ref: dashboardId } });
    demo.template.hasOutput('AlarmTopicArn', { Value: Match.anyValue() });
  });
});
