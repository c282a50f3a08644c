/**
 * Every real event fixture (test/fixtures/**) and what the middleware must
 * do with an error thrown while handling it: answer in the shape of an HTTP source, or re-throw
 * it untouched because the event is an authorizer's input or not an HTTP request at all.
 * Origins and licenses: test/fixtures/SOURCE.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { HttpEventSource } from '../../src/index.js';
import { repoRoot } from '../support/lambda.js';

/** Answered as this source, or re-thrown as an authorizer's input or a non-HTTP event. */
export type Kind = HttpEventSource | 'authorizer' | 'not-http';

const ownDir = resolve(repoRoot, 'test', 'fixtures');

/** Keyed `folder/file.json` under test/fixtures. */
export const EVENT_KINDS: Record<string, Kind> = {
  'aws-lambda-go/activemq-event.json': 'not-http',
  'aws-lambda-go/apigw-custom-auth-request-type-request.json': 'authorizer',
  'aws-lambda-go/apigw-custom-auth-request.json': 'authorizer',
  'aws-lambda-go/apigw-restapi-openapi-request.json': 'apigateway-rest',
  'aws-lambda-go/apigw-v2-custom-authorizer-v1-request.json': 'authorizer',
  'aws-lambda-go/apigw-v2-custom-authorizer-v2-request.json': 'authorizer',
  'aws-lambda-go/apigw-v2-request-iam.json': 'apigateway-http',
  'aws-lambda-go/apigw-v2-request-lambda-authorizer.json': 'apigateway-http',
  'aws-lambda-go/apigw-websocket-request-disconnect.json': 'apigateway-websocket',
  'aws-lambda-go/apigw-websocket-request-send-message.json': 'apigateway-websocket',
  'aws-lambda-go/appsync-lambda-auth-request.json': 'authorizer',
  'aws-lambda-go/clientvpn-connectionhandler-request.json': 'not-http',
  'aws-lambda-go/cloudwatch-logs-event.json': 'not-http',
  'aws-lambda-go/codepipeline-job-event.json': 'not-http',
  'aws-lambda-go/cognito-event-userpools-define-auth-challenge.json': 'not-http',
  'aws-lambda-go/cognito-event-userpools-presignup.json': 'not-http',
  'aws-lambda-go/cognito-event-userpools-pretokengen-v2_0.json': 'not-http',
  'aws-lambda-go/config-event.json': 'not-http',
  'aws-lambda-go/connect-event.json': 'not-http',
  'aws-lambda-go/dynamodb-event.json': 'not-http',
  'aws-lambda-go/iot-custom-auth-request.json': 'authorizer',
  'aws-lambda-go/iot-preprovision-hook-request.json': 'not-http',
  'aws-lambda-go/kafka-event.json': 'not-http',
  'aws-lambda-go/kinesis-event.json': 'not-http',
  'aws-lambda-go/kinesis-firehose-event.json': 'not-http',
  'aws-lambda-go/lex-event.json': 'not-http',
  'aws-lambda-go/rabbitmq-event.json': 'not-http',
  'aws-lambda-go/s3-batch-job-event-request-2.0.json': 'not-http',
  'aws-lambda-go/s3-event.json': 'not-http',
  'aws-lambda-go/s3-object-lambda-event-get-object-iam.json': 'not-http',
  'aws-lambda-go/secretsmanager-secret-rotation-event.json': 'not-http',
  'aws-lambda-go/ses-lambda-event.json': 'not-http',
  'aws-lambda-go/sns-event.json': 'not-http',

  'powertools-python/albMultiValueQueryStringEvent.json': 'alb',
  'powertools-python/apiGatewayAuthorizerRequestEvent.json': 'authorizer',
  'powertools-python/apiGatewayAuthorizerV2Event.json': 'authorizer',
  // Payload 1.0 with `version: "1.0"`, as HTTP APIs send it: same request and answer as REST.
  'powertools-python/apiGatewayProxyEvent.json': 'apigateway-rest',
  'powertools-python/appSyncAuthorizerEvent.json': 'authorizer',
  'powertools-python/appSyncBatchEvent.json': 'not-http',
  'powertools-python/appSyncDirectResolver.json': 'not-http',
  'powertools-python/bedrockAgentEvent.json': 'not-http',
  'powertools-python/bedrockAgentPostEvent.json': 'not-http',
  'powertools-python/codeDeployLifecycleHookEvent.json': 'not-http',
  'powertools-python/cognitoCustomEmailSenderEvent.json': 'not-http',
  'powertools-python/kafkaEventMsk.json': 'not-http',
  'powertools-python/kafkaEventSelfManaged.json': 'not-http',
  'powertools-python/lambdaFunctionUrlIAMEvent.json': 'function-url',
  'powertools-python/snsSqsEvent.json': 'not-http',
  'powertools-python/vpcLatticeEvent.json': 'vpc-lattice',
  'powertools-python/vpcLatticeV2EventWithHeaders.json': 'vpc-lattice',

  'powertools-typescript/alb-base.json': 'alb',
  'powertools-typescript/alb-multi-fields.json': 'alb',
  'powertools-typescript/apigw-http-authorizer-request.json': 'authorizer',
  'powertools-typescript/apigw-http-iam-auth.json': 'apigateway-http',
  'powertools-typescript/apigw-http-jwt-authorizer-auth.json': 'apigateway-http',
  'powertools-typescript/apigw-http-lambda-authorizer-auth.json': 'apigateway-http',
  'powertools-typescript/apigw-http-no-auth.json': 'apigateway-http',
  'powertools-typescript/apigw-rest-authorizer-request.json': 'authorizer',
  'powertools-typescript/apigw-rest-authorizer-token.json': 'authorizer',
  'powertools-typescript/apigw-rest-console-test-ui.json': 'apigateway-rest',
  'powertools-typescript/apigw-rest-iam-auth.json': 'apigateway-rest',
  'powertools-typescript/apigw-rest-jwt-authorizer-auth.json': 'apigateway-rest',
  'powertools-typescript/apigw-rest-lambda-authorizer-auth.json': 'apigateway-rest',
  'powertools-typescript/apigw-rest-no-auth.json': 'apigateway-rest',
  'powertools-typescript/apigw-rest-websocket.json': 'apigateway-websocket',
  // The $connect route's REQUEST authorizer, not the $connect route itself.
  'powertools-typescript/apigw-websocket-connectEvent.json': 'authorizer',
  'powertools-typescript/appsync-events-base.json': 'not-http',
  'powertools-typescript/appsync-resolver.json': 'not-http',
  'powertools-typescript/cloudformation-custom-resource-create.json': 'not-http',
  'powertools-typescript/cloudformation-custom-resource-delete.json': 'not-http',
  'powertools-typescript/cognito-base.json': 'not-http',
  'powertools-typescript/commons-cloudfront-http-direct.json': 'not-http',
  'powertools-typescript/commons-cloudfront-modify-response-header.json': 'not-http',
  'powertools-typescript/commons-cloudwatch-scheduled-event.json': 'not-http',
  'powertools-typescript/commons-stepfunctions-error.json': 'not-http',
  'powertools-typescript/eventbridge-base.json': 'not-http',
  'powertools-typescript/kafka-base.json': 'not-http',
  'powertools-typescript/kinesis-dynamodb-stream.json': 'not-http',
  'powertools-typescript/kinesis-firehose.json': 'not-http',
  'powertools-typescript/kinesis-stream.json': 'not-http',
  'powertools-typescript/lambda-base.json': 'function-url',
  'powertools-typescript/lambda-get-request.json': 'function-url',
  'powertools-typescript/lambda-iam-auth.json': 'function-url',
  'powertools-typescript/s3-eventbridge-object-created.json': 'not-http',
  'powertools-typescript/s3-object-iam-user.json': 'not-http',
  'powertools-typescript/ses-base.json': 'not-http',
  'powertools-typescript/sqs-base.json': 'not-http',
  'powertools-typescript/transfer-family-base.json': 'not-http',
  'powertools-typescript/vpc-lattice-base.json': 'vpc-lattice',
  'powertools-typescript/vpc-lattice-v2-base.json': 'vpc-lattice',

  'aws-events/alb-lambda-target-request-headers-only.json': 'alb',
  'aws-events/alb-lambda-target-request-multivalue-headers.json': 'alb',
  'aws-events/apigw-request.json': 'apigateway-rest',
  'aws-events/apigw-v2-request-jwt-authorizer.json': 'apigateway-http',
  'aws-events/apigw-v2-request-no-authorizer.json': 'apigateway-http',
  // The $connect route through a Lambda proxy integration.
  'aws-events/apigw-websocket-request.json': 'apigateway-websocket',
  'aws-events/lambda-urls-request.json': 'function-url',
  'aws-events/sqs-event.json': 'not-http',
  // Sample handler results: fed as events, they are direct invokes with `headers` and no context.
  'aws-events/alb-lambda-target-response.json': 'not-http',
  'aws-events/apigw-response.json': 'not-http',
  'aws-events/lambda-urls-response.json': 'not-http',
};

const jsonFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.split(sep).join('/'));

/** Every fixture on disk, keyed as in {@link EVENT_KINDS}. */
export const fixtureKeys = (): string[] => jsonFiles(ownDir);

/** The fixture as it is on disk, parsed anew for each call. */
export const loadEvent = (key: string): unknown =>
  JSON.parse(readFileSync(join(ownDir, key), 'utf8'));

const keysOf = (predicate: (kind: Kind) => boolean): string[] =>
  Object.entries(EVENT_KINDS)
    .filter(([, kind]) => predicate(kind))
    .map(([key]) => key);

export const rethrownKinds: ReadonlySet<Kind> = new Set(['authorizer', 'not-http']);
/** Fixtures whose errors must reach Lambda untouched. */
export const rethrownKeys = keysOf((kind) => rethrownKinds.has(kind));
/** Fixtures answered as proxy requests. */
export const answeredKeys = keysOf((kind) => !rethrownKinds.has(kind));
