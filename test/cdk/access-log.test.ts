/**
 * The access log format, rendered the way API Gateway renders it: each `$context` variable
 * replaced by its raw text, `-` when it has no value. Every line must parse as JSON, whatever
 * the request: a Lambda answer (no error message), a gateway error, an unknown route.
 */
import { describe, expect, it } from 'vitest';
import {
  accessLogFormatString as formatOf,
  HTTP_ACCESS_LOG_FIELDS,
  REST_ACCESS_LOG_FIELDS,
} from '../../src/cdk/access-log.js';

/** A whole dotted variable name, greedy: `$context.error.message` is never cut short. */
const VARIABLE = /\$context\.[A-Za-z0-9_.]*[A-Za-z0-9_]/g;

const render = (format: string, value: (variable: string) => string): string =>
  format.replace(VARIABLE, value);

/** Values API Gateway writes for a Lambda-answered GET (no gateway error: no message). */
const lambdaAnswer: Record<string, string> = {
  '$context.extendedRequestId': 'Fb7sKHWjIAMFmAg=',
  '$context.xrayTraceId': '1-5759e988-bd862e3fe1be46a994272793',
  '$context.integration.requestId': 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  '$context.requestTimeEpoch': '1764302833123',
  '$context.httpMethod': 'GET',
  '$context.path': '/demo/boom',
  '$context.resourcePath': '/boom',
  '$context.status': '500',
  '$context.responseLength': '143',
  '$context.responseLatency': '87',
  '$context.integration.status': '200',
  '$context.integration.latency': '85',
  '$context.integration.error': '-',
  '$context.error.responseType': '-',
  '$context.error.message': '-',
  '$context.identity.sourceIp': '203.0.113.7',
  '$context.protocol': 'HTTP/1.1',
  // HTTP API only.
  '$context.routeKey': 'GET /boom',
  '$context.integrationErrorMessage': '-',
};

/** An unknown route: API Gateway answers itself, nothing was integrated. */
const gatewayError: Record<string, string> = {
  ...lambdaAnswer,
  '$context.integration.requestId': '-',
  '$context.path': '/demo/nope',
  '$context.resourcePath': '-',
  '$context.status': '404',
  '$context.integration.status': '-',
  '$context.integration.latency': '-',
  '$context.error.responseType': 'MISSING_AUTHENTICATION_TOKEN',
  '$context.error.message': 'Missing Authentication Token',
  '$context.routeKey': '-',
};

const variables = (fields: Record<string, string>): string[] => [
  ...new Set(formatOf(fields).match(VARIABLE) ?? []),
];

describe.each([
  ['REST', REST_ACCESS_LOG_FIELDS],
  ['HTTP API', HTTP_ACCESS_LOG_FIELDS],
] as const)('%s access log format', (_api, ACCESS_LOG_FIELDS) => {
  const accessLogFormatString = () => formatOf(ACCESS_LOG_FIELDS);
  it('holds only the fields it declares, each variable once', () => {
    expect(variables(ACCESS_LOG_FIELDS).sort()).toEqual(Object.values(ACCESS_LOG_FIELDS).sort());
  });

  it('parses as JSON when every variable is `-` (no value)', () => {
    const line = JSON.parse(render(accessLogFormatString(), () => '-')) as Record<string, unknown>;
    expect(Object.keys(line)).toEqual(Object.keys(ACCESS_LOG_FIELDS));
    expect(new Set(Object.values(line))).toEqual(new Set(['-']));
  });

  it.each(variables(ACCESS_LOG_FIELDS))('parses as JSON when only %s is `-`', (absent) => {
    const line = render(accessLogFormatString(), (v) => (v === absent ? '-' : 'x'));
    expect(() => JSON.parse(line)).not.toThrow();
  });

  it.each([
    ['a Lambda answer', lambdaAnswer],
    ['a gateway error', gatewayError],
  ])('parses as JSON for %s, every field holding its value', (_kind, values) => {
    const line = JSON.parse(
      render(accessLogFormatString(), (v) => {
        const value = values[v];
        if (value === undefined) throw new Error(`No sample value for ${v}`);
        return value;
      }),
    ) as Record<string, unknown>;
    for (const [field, variable] of Object.entries(ACCESS_LOG_FIELDS)) {
      expect(line[field], field).toBe(values[variable]);
    }
  });

  it('logs the request id the caller cannot set, under `requestId`', () => {
    // `$context.requestId` follows a caller's x-amzn-RequestId header.
    expect(variables(ACCESS_LOG_FIELDS)).not.toContain('$context.requestId');
    expect(ACCESS_LOG_FIELDS.requestId).toBe('$context.extendedRequestId');
    // Both tie the line to the Lambda's logs; only REST APIs have a trace id.
    expect(ACCESS_LOG_FIELDS.integrationRequestId).toBe('$context.integration.requestId');
    expect(ACCESS_LOG_FIELDS.xrayTraceId).toBe(
      _api === 'REST' ? '$context.xrayTraceId' : undefined,
    );
  });

  it('quotes no variable itself: a `-` is the only thing API Gateway writes bare', () => {
    // messageString is pre-quoted only when a message exists; a bare `-` would break the line.
    expect(accessLogFormatString()).not.toContain('messageString');
  });
});
