// peers: aws-cdk-lib constructs
//
// lambda-error-normalizer/cdk at the floor of aws-cdk-lib and constructs: on a user's
// LambdaRestApi, ApiErrorContract adds all 21 gateway responses (each body valid JSON when API
// Gateway has no value to fill in) and ErrorMonitoring its alarms, dashboard and saved queries.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ApiErrorContract, ErrorMonitoring } from 'lambda-error-normalizer/cdk';
import { check } from './kit.mjs';

const app = new App();
const stack = new Stack(app, 'PeerFloor');
const fn = new lambda.Function(stack, 'Fn', {
  runtime: lambda.Runtime.NODEJS_20_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
});
const api = new apigateway.LambdaRestApi(stack, 'Api', { handler: fn });
const contract = new ApiErrorContract(stack, 'ErrorContract', { api });
new ErrorMonitoring(stack, 'ErrorMonitoring', { functions: [fn], api: contract });

const template = Template.fromStack(stack);
const resources = (type) => Object.values(template.findResources(type));
const responses = resources('AWS::ApiGateway::GatewayResponse');
const bodies = responses.map((r) =>
  Object.values(r.Properties.ResponseTemplates ?? {})[0]?.replace(/\$context\.[\w.]*\w/g, ''),
);
const parses = (text) => {
  try {
    return typeof JSON.parse(text).traceId === 'string';
  } catch {
    return false;
  }
};
check('21 gateway responses', responses.length === 21, responses.length);
check('each body is valid JSON with empty values', bodies.every(parses), bodies);
check(
  'alarms',
  resources('AWS::CloudWatch::Alarm').length >= 2,
  resources('AWS::CloudWatch::Alarm').length,
);
check('a dashboard', resources('AWS::CloudWatch::Dashboard').length === 1, null);
check('three saved queries', resources('AWS::Logs::QueryDefinition').length === 3, null);
