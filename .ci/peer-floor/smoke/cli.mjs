// peers: @aws-sdk/client-cloudformation @aws-sdk/client-cloudwatch-logs
//
// The log query CLI at the floor of the AWS SDK clients, run as the README documents it
// (`npx lambda-error-normalizer logs <traceId> --stack demo`), against a local endpoint that
// answers CloudFormation DescribeStacks and the Logs Insights calls as AWS does.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { check, startTrace } from './kit.mjs';

const root = startTrace();
delete process.env._X_AMZN_TRACE_ID;
const calls = [];
const line = JSON.stringify({
  level: 'ERROR',
  message: 'Unhandled error answered as 500 internal_server_error',
  timestamp: '2026-11-29T04:00:00.000Z',
  xray_trace_id: root,
});
const answers = {
  DescribeStacks: () => [
    'text/xml',
    `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member><StackName>demo</StackName><StackId>arn:aws:cloudformation:eu-west-1:123456789012:stack/demo/1</StackId><CreationTime>2026-11-29T00:00:00Z</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus><Outputs><member><OutputKey>LogGroupNames</OutputKey><OutputValue>/aws/lambda/demo-boom,demo-access</OutputValue></member></Outputs></member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></DescribeStacksResponse>`,
  ],
  StartQuery: () => ['application/x-amz-json-1.1', JSON.stringify({ queryId: 'q-1' })],
  GetQueryResults: () => [
    'application/x-amz-json-1.1',
    JSON.stringify({
      status: 'Complete',
      statistics: { recordsMatched: 1, recordsScanned: 10, bytesScanned: 100 },
      results: [
        [
          { field: '@timestamp', value: '2026-11-29 04:00:00.000' },
          { field: '@message', value: line },
          { field: '@logStream', value: 's' },
          { field: '@log', value: '123456789012:/aws/lambda/demo-boom' },
        ],
      ],
    }),
  ],
};
const server = createServer(async (request, response) => {
  let body = '';
  for await (const chunk of request) body += chunk;
  const action =
    /Action=(\w+)/.exec(body)?.[1] ?? String(request.headers['x-amz-target']).split('.').pop();
  calls.push({ action, body });
  const answer = answers[action];
  if (!answer) {
    response.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
    response.end(JSON.stringify({ __type: 'UnknownOperationException', message: action }));
    return;
  }
  const [type, text] = answer();
  response.writeHead(200, { 'content-type': type, 'x-amzn-requestid': '1' });
  response.end(text);
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');

const cli = spawn(
  'npx',
  [
    '--no-install',
    'lambda-error-normalizer',
    'logs',
    root,
    '--stack',
    'demo',
    '--poll-interval',
    '10',
  ],
  {
    env: {
      ...process.env,
      AWS_ENDPOINT_URL: `http://127.0.0.1:${server.address().port}`,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIDSMOKETEST0000000',
      AWS_SECRET_ACCESS_KEY: 'smoke-test-secret',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
let stdout = '';
let stderr = '';
cli.stdout.on('data', (chunk) => {
  stdout += chunk;
});
cli.stderr.on('data', (chunk) => {
  stderr += chunk;
});
const [code] = await once(cli, 'close');
server.close();

const start = calls.find((call) => call.action === 'StartQuery');
check('exit code 0 (lines found)', code === 0, { code, stdout, stderr });
check('the stack was read', calls[0]?.action === 'DescribeStacks', calls);
check(
  'the query ran over the stack output log groups',
  JSON.stringify(JSON.parse(start?.body ?? '{}').logGroupNames) ===
    '["/aws/lambda/demo-boom","demo-access"]',
  start,
);
check('the line is printed', stdout.includes('Unhandled error answered as 500'), stdout);
