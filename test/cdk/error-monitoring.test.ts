/**
 * `ErrorMonitoring` on users' stacks: two functions, a REST or HTTP API, alarms combined or per
 * function, the library's metric or the metric filter, and the output the CLI reads.
 */
import { Aws, Duration, Lazy } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { ANSWERED_SERVER_ERROR_PATTERN } from '../../src/cdk/answered-errors.js';
import { ApiErrorContract } from '../../src/cdk/api-error-contract.js';
import { ErrorMonitoring } from '../../src/cdk/error-monitoring.js';
import { PLACEHOLDER_TRACE_ID } from '../../src/cdk/saved-queries.js';
import { errorGroupsQuery, errorsQuery, traceQuery } from '../../src/cli/queries.js';
import { nagFindingsUnder, synth, userFunction, userStack } from './user-stack.js';

type Props = Record<string, unknown>;

const twoFunctions = () => {
  const { app, stack } = userStack();
  const orders = userFunction(stack, 'Orders');
  const users = userFunction(stack, 'Users');
  const api = new apigw.RestApi(stack, 'Api');
  api.root.addResource('orders').addMethod('GET', new apigw.LambdaIntegration(orders));
  api.root.addResource('users').addMethod('GET', new apigw.LambdaIntegration(users));
  return { app, stack, api, orders, users };
};

const alarmsOf = (stack: Parameters<typeof synth>[0]) =>
  synth(stack)
    .ofType('AWS::CloudWatch::Alarm')
    .map(([, r]) => r.Properties);

describe('answered errors: the signal Lambda Errors never gives', () => {
  it('counts the incident lines of every function into one metric, one alarm, by default', () => {
    const { stack, orders, users } = twoFunctions();
    new ErrorMonitoring(stack, 'Monitoring', { functions: [orders, users] });
    const filters = synth(stack)
      .ofType('AWS::Logs::MetricFilter')
      .map(([, r]) => r.Properties);
    expect(filters).toHaveLength(2);
    const names = new Set(filters.map((f) => (f.MetricTransformations as Props[])[0]?.MetricName));
    expect(names.size).toBe(1);
    for (const filter of filters) {
      expect(filter.FilterPattern).toBe(ANSWERED_SERVER_ERROR_PATTERN.logPatternString);
    }
    const answered = alarmsOf(stack).filter((a) =>
      JSON.stringify(a).includes(`"MetricName":"${[...names][0]}"`),
    );
    expect(answered).toHaveLength(1);
    expect(answered[0]).toMatchObject({ Threshold: 1, TreatMissingData: 'notBreaching' });
    expect(JSON.stringify(answered[0])).toContain('"Period":60');
  });

  it('matches the middleware 5xx line only: level ERROR, status >= 500, a code', () => {
    const pattern = ANSWERED_SERVER_ERROR_PATTERN.logPatternString;
    expect(pattern).toContain('$.level = "ERROR"');
    expect(pattern).toContain('$.status >= 500');
    expect(pattern).toContain('$.code = "*"');
    expect(pattern).toMatch(/&&.*&&/);
  });

  it('gives each function its own metric and alarm with alarms: perFunction', () => {
    const { stack, orders, users } = twoFunctions();
    const monitoring = new ErrorMonitoring(stack, 'Monitoring', {
      functions: [orders, users],
      alarms: 'perFunction',
    });
    expect(monitoring.answeredErrorsAlarms).toHaveLength(2);
    expect(monitoring.escapedErrorsAlarms).toHaveLength(2);
    const filters = synth(stack)
      .ofType('AWS::Logs::MetricFilter')
      .map(([, r]) => r.Properties);
    expect(
      new Set(filters.map((f) => (f.MetricTransformations as Props[])[0]?.MetricName)).size,
    ).toBe(2);
  });

  it('reads the library EMF metric when metrics are on, and adds no metric filter', () => {
    const { stack, orders, users } = twoFunctions();
    new ErrorMonitoring(stack, 'Monitoring', {
      functions: [orders, users],
      metrics: { namespace: 'Shop', service: 'orders' },
    });
    synth(stack).template.resourceCountIs('AWS::Logs::MetricFilter', 0);
    expect(alarmsOf(stack)).toContainEqual(
      expect.objectContaining({
        Namespace: 'Shop',
        MetricName: 'Errors',
        Dimensions: [
          { Name: 'service', Value: 'orders' },
          { Name: 'statusClass', Value: '5xx' },
        ],
        Statistic: 'Sum',
      }),
    );
  });
});

describe('escaped errors: Lambda Errors', () => {
  it('sums the functions in one alarm (missing data as 0)', () => {
    const { stack, orders, users } = twoFunctions();
    const monitoring = new ErrorMonitoring(stack, 'Monitoring', { functions: [orders, users] });
    expect(monitoring.escapedErrorsAlarms).toHaveLength(1);
    const sum = alarmsOf(stack).find((a) => JSON.stringify(a).includes('AWS/Lambda')) as Props;
    const expression = (sum.Metrics as Props[]).find((m) => m.Expression !== undefined)?.Expression;
    expect(expression).toBe('FILL(m0, 0) + FILL(m1, 0)');
    const names = (sum.Metrics as { MetricStat?: { Metric: { MetricName: string } } }[])
      .map((m) => m.MetricStat?.Metric.MetricName)
      .filter(Boolean);
    expect(names).toEqual(['Errors', 'Errors']);
  });

  it('splits more than 10 functions over alarms of 10 (the metric math limit)', () => {
    const { stack } = userStack();
    const functions = Array.from({ length: 12 }, (_, i) => userFunction(stack, `Fn${i}`));
    const monitoring = new ErrorMonitoring(stack, 'Monitoring', { functions });
    expect(monitoring.escapedErrorsAlarms).toHaveLength(2);
  });
});

describe('API alarms', () => {
  it('alarms on the REST 5xx rate (not a count, 0 under the minimum traffic) and p99 latency', () => {
    const { stack, api, orders, users } = twoFunctions();
    const contract = new ApiErrorContract(stack, 'ErrorContract', { api });
    new ErrorMonitoring(stack, 'Monitoring', { functions: [orders, users], api: contract });
    const alarms = alarmsOf(stack);
    const rate = alarms.find((a) => JSON.stringify(a.Metrics ?? '').includes('5XXError')) as Props;
    const metrics = rate.Metrics as Props[];
    expect(metrics.find((m) => m.Expression !== undefined)?.Expression).toBe(
      'IF(requests >= 20, 100 * errors / requests, 0)',
    );
    expect(rate).toMatchObject({ Threshold: 5, EvaluationPeriods: 3, DatapointsToAlarm: 2 });
    expect(alarms).toContainEqual(
      expect.objectContaining({
        Namespace: 'AWS/ApiGateway',
        MetricName: 'Latency',
        ExtendedStatistic: 'p99',
        Threshold: 3000,
        Period: 300,
      }),
    );
  });

  it('reads an HTTP API 5xx and Latency, and takes thresholds as props', () => {
    const { stack } = userStack();
    const fn = userFunction(stack, 'Orders');
    const api = new apigwv2.HttpApi(stack, 'Api');
    new ErrorMonitoring(stack, 'Monitoring', {
      functions: [fn],
      api,
      apiServerErrorRatePercent: 2,
      apiLatencyP99Ms: 800,
    });
    const alarms = alarmsOf(stack);
    expect(JSON.stringify(alarms)).toContain('"MetricName":"5xx"');
    expect(alarms).toContainEqual(
      expect.objectContaining({ MetricName: 'Latency', Threshold: 800 }),
    );
    expect(alarms).toContainEqual(expect.objectContaining({ Threshold: 2 }));
  });
});

describe('dashboard, saved queries, output', () => {
  it('saves the CLI queries over the function logs (and the access log for a trace id)', () => {
    const { stack, api, orders, users } = twoFunctions();
    const contract = new ApiErrorContract(stack, 'ErrorContract', { api });
    new ErrorMonitoring(stack, 'Monitoring', { functions: [orders, users], api: contract });
    const queries = synth(stack)
      .ofType('AWS::Logs::QueryDefinition')
      .map(([, r]) => r.Properties);
    expect(queries.map((q) => q.Name)).toEqual([
      'users/Monitoring/latest-errors',
      'users/Monitoring/lines-by-trace-id',
      'users/Monitoring/error-groups',
    ]);
    expect(queries.map((q) => q.QueryString)).toEqual([
      errorsQuery(),
      traceQuery(PLACEHOLDER_TRACE_ID),
      errorGroupsQuery(),
    ]);
    expect((queries[0]?.LogGroupNames as unknown[] | undefined)?.length).toBe(2);
    expect((queries[1]?.LogGroupNames as unknown[] | undefined)?.length).toBe(3);
  });

  it('writes one log groups output per construct, with a key the CLI recognizes', () => {
    const { stack, api, orders, users } = twoFunctions();
    const contract = new ApiErrorContract(stack, 'ErrorContract', { api });
    new ErrorMonitoring(stack, 'OrdersMonitoring', { functions: [orders], api: contract });
    new ErrorMonitoring(stack, 'UsersMonitoring', {
      functions: [users],
      queryFolder: false,
      dashboardName: false,
    });
    const outputs = Object.keys(synth(stack).template.toJSON().Outputs as Props);
    expect(outputs.filter((key) => key.startsWith('ErrorNormalizerLogGroups'))).toHaveLength(2);
  });

  it('gives two constructs of one stack their own query folders, dashboards and outputs', () => {
    // What the docs recommend past 50 functions: one ErrorMonitoring per group of functions.
    const { stack, orders, users } = twoFunctions();
    const first = new ErrorMonitoring(stack, 'Monitoring', { functions: [orders] });
    const second = new ErrorMonitoring(new Construct(stack, 'Team'), 'Monitoring', {
      functions: [users],
    });
    expect([first.queryFolder, second.queryFolder]).toEqual([
      'users/Monitoring',
      'users/Team/Monitoring',
    ]);
    const { template, ofType } = synth(stack);
    const names = ofType('AWS::Logs::QueryDefinition').map(([, r]) => r.Properties.Name);
    expect(names).toHaveLength(6);
    expect(new Set(names).size).toBe(6);
    expect(names).toContain('users/Team/Monitoring/lines-by-trace-id');
    // Dashboards and alarms are not named: CloudFormation generates distinct names.
    const dashboards = ofType('AWS::CloudWatch::Dashboard').map(([, r]) => r.Properties);
    expect(dashboards).toHaveLength(2);
    for (const dashboard of dashboards) expect(dashboard.DashboardName).toBeUndefined();
    for (const [, alarm] of ofType('AWS::CloudWatch::Alarm')) {
      expect(alarm.Properties.AlarmName).toBeUndefined();
    }
    const outputs = Object.keys(template.toJSON().Outputs as Props).filter((key) =>
      key.startsWith('ErrorNormalizerLogGroups'),
    );
    expect(new Set(outputs).size).toBe(2);
  });

  it('refuses a query folder or a dashboard name another construct of the stack has', () => {
    const { stack, orders, users } = twoFunctions();
    new ErrorMonitoring(stack, 'OrdersMonitoring', {
      functions: [orders],
      queryFolder: 'shop',
      dashboardName: 'shop-errors',
    });
    expect(
      () =>
        new ErrorMonitoring(stack, 'UsersMonitoring', {
          functions: [users],
          queryFolder: 'shop',
        }),
    ).toThrow(
      /UsersMonitoring: queryFolder "shop" is already the folder of users\/OrdersMonitoring/,
    );
    expect(
      () =>
        new ErrorMonitoring(stack, 'UsersMonitoring2', {
          functions: [users],
          queryFolder: 'users/OrdersMonitoring',
          dashboardName: 'shop-errors',
        }),
    ).toThrow(/dashboardName "shop-errors" is already the dashboard of users\/OrdersMonitoring/);
    // An explicit folder equal to another construct's default clashes as well.
    new ErrorMonitoring(stack, 'Third', { functions: [users] });
    expect(
      () =>
        new ErrorMonitoring(stack, 'Fourth', { functions: [users], queryFolder: 'users/Third' }),
    ).toThrow(/already the folder of users\/Third/);
  });

  it('asks for a queryFolder when the default one would be too long', () => {
    const { stack, orders } = twoFunctions();
    const deep = new Construct(new Construct(stack, 'A'.repeat(100)), 'B'.repeat(100));
    expect(() => new ErrorMonitoring(deep, 'Monitoring', { functions: [orders] })).toThrow(
      /default queryFolder .* over the 200 a folder takes: set queryFolder/,
    );
  });

  it('adds no cdk-nag finding of its own', () => {
    const { app, stack, api, orders, users } = twoFunctions();
    const contract = new ApiErrorContract(stack, 'ErrorContract', { api });
    new ErrorMonitoring(stack, 'Monitoring', { functions: [orders, users], api: contract });
    expect(nagFindingsUnder(app, '/Monitoring')).toEqual([]);
  });
});

describe('functions and their log groups', () => {
  it('takes an imported function with its log group', () => {
    const { stack } = userStack();
    const fn = lambda.Function.fromFunctionName(stack, 'Legacy', 'legacy-fn');
    const logGroup = logs.LogGroup.fromLogGroupName(stack, 'LegacyLogs', '/aws/lambda/legacy-fn');
    new ErrorMonitoring(stack, 'Monitoring', { functions: [{ function: fn, logGroup }] });
    synth(stack).template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: '/aws/lambda/legacy-fn',
    });
  });

  it('refuses an imported function without its log group, saying what to pass', () => {
    const { stack } = userStack();
    const fn = lambda.Function.fromFunctionName(stack, 'Legacy', 'legacy-fn');
    expect(() => new ErrorMonitoring(stack, 'Monitoring', { functions: [fn] })).toThrow(
      /pass \{ function, logGroup \}/,
    );
  });

  it('notes the custom resource CDK adds for a function without a log group of its own', () => {
    // Without the feature flag that makes CDK manage every function's log group.
    const { stack } = userStack('users', { '@aws-cdk/aws-lambda:useCdkManagedLogGroup': false });
    const fn = userFunction(stack, 'Bare', false);
    new ErrorMonitoring(stack, 'Monitoring', { functions: [fn] });
    const infos = Annotations.fromStack(stack).findInfo(
      '*',
      Match.stringLikeRegexp('LogRetention'),
    );
    expect(infos).toHaveLength(1);
  });
});

describe('props checked at synth', () => {
  it.each([
    [{ functions: [] }, /at least one function/],
    [{ alarms: 'each' }, /alarms must be/],
    [{ apiServerErrorRatePercent: 150 }, /at most 100/],
    [{ answeredErrorsThreshold: 0 }, /above 0/],
    [{ period: Duration.seconds(45) }, /multiple of 60/],
    [{ metrics: { namespace: '', service: 'x' } }, /POWERTOOLS_METRICS_NAMESPACE/],
    [{ dashboardName: '' }, /dashboardName must be 1 to 255 characters of A-Z/],
    [{ dashboardName: 'errors dashboard' }, /dashboardName must be/],
    [{ dashboardName: 'é' }, /dashboardName must be/],
    [{ dashboardName: 'd'.repeat(256) }, /dashboardName must be/],
    [{ dashboardName: true }, /dashboardName must be .* or false/],
    [{ queryFolder: '' }, /queryFolder must be 1 to 200 characters/],
    [{ queryFolder: true }, /queryFolder must be .* or false/],
    [{ notifyOnOk: 'yes' }, /notifyOnOk must be true or false, not "yes"/],
    [{ notifyOnOk: 0 }, /notifyOnOk must be true or false/],
  ])('%j', (overrides, message) => {
    const { stack, orders } = twoFunctions();
    expect(
      () =>
        new ErrorMonitoring(stack, 'Monitoring', {
          functions: [orders],
          ...(overrides as object),
        } as never),
    ).toThrow(message);
  });
});

describe('props left to CloudFormation', () => {
  it('takes the longest dashboard name and tokens it cannot check', () => {
    for (const dashboardName of [
      'd'.repeat(255),
      'Shop_errors-2',
      `${Aws.STACK_NAME}-errors`,
      Lazy.string({ produce: () => 'late' }),
    ]) {
      const { stack, orders } = twoFunctions();
      new ErrorMonitoring(stack, 'Monitoring', { functions: [orders], dashboardName });
      synth(stack).template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    }
    const { stack, orders } = twoFunctions();
    new ErrorMonitoring(stack, 'Monitoring', {
      functions: [orders],
      queryFolder: Lazy.string({ produce: () => 'late' }),
      notifyOnOk: false,
    });
    synth(stack).template.resourceCountIs('AWS::Logs::QueryDefinition', 3);
  });
});
