// A TypeScript ESM app (`"type": "module"`, `module: NodeNext`, `skipLibCheck: false`) with
// Middy and Tracer: the root entry and the subpaths, type-checked against the published .d.ts.
import { Logger } from '@aws-lambda-powertools/logger';
import { Tracer } from '@aws-lambda-powertools/tracer';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { type ErrorNormalizerOptions, errorNormalizer, isTraceId } from 'lambda-error-normalizer';
import { errorNormalizer as fromSubpath } from 'lambda-error-normalizer/middy';
import { withErrorNormalizer } from 'lambda-error-normalizer/wrap';
import kit from './check.cjs';

const lines = kit.start();
const options: ErrorNormalizerOptions = { logger: new Logger(), tracer: new Tracer() };
const failing = async (_event: APIGatewayProxyEvent, _context: Context) => {
  throw new Error(`db password=${kit.SECRET}`);
};
const viaMiddy = middy(failing).use(errorNormalizer(options));
const viaSubpath = middy(failing).use(fromSubpath(options));
const viaWrap = withErrorNormalizer(failing, options);

const event = kit.restEvent() as APIGatewayProxyEvent;
const context = kit.context() as unknown as Context;
kit.checkAnswer('middy (root)', await viaMiddy(event, context), lines);
kit.checkAnswer('middy (/middy)', await viaSubpath(event, context), lines);
const wrapped = (await viaWrap(event, context)) as APIGatewayProxyResult;
kit.checkAnswer('wrap (/wrap)', wrapped, lines);
if (!isTraceId('1-5759e988-bd862e3fe1be46a994272793')) throw new Error('isTraceId');
