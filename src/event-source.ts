/**
 * Which service sent the event, and the response shape that service accepts.
 *
 * Detection looks at the fields each service always sets, most specific first. Anything that
 * is not an HTTP request (SQS, EventBridge, S3, a direct invoke...) is `undefined`, and its
 * errors go back to Lambda untouched so the platform can retry and nothing is lost.
 */
import { read } from './describe-error.js';

/** An HTTP event source the middleware can answer. */
export type EventSource =
  | 'apigateway-rest'
  | 'apigateway-http'
  | 'apigateway-websocket'
  | 'function-url'
  | 'alb'
  | 'vpc-lattice';

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** The HTTP event source of `event`, or `undefined` when it is not an HTTP request. */
export const eventSourceOf = (event: unknown): EventSource | undefined => {
  if (!isObject(event)) return undefined;
  const requestContext = read(event, 'requestContext');
  if (isObject(requestContext)) {
    if (isObject(read(requestContext, 'elb'))) return 'alb';
    if (typeof read(requestContext, 'connectionId') === 'string') return 'apigateway-websocket';
    if (typeof read(requestContext, 'serviceNetworkArn') === 'string') return 'vpc-lattice';
    if (read(event, 'version') === '2.0' && isObject(read(requestContext, 'http'))) {
      // Function URLs send payload 2.0 with no route key; their domain says so.
      const domain = read(requestContext, 'domainName');
      return typeof domain === 'string' && domain.includes('.lambda-url.')
        ? 'function-url'
        : 'apigateway-http';
    }
    if (typeof read(event, 'httpMethod') === 'string') return 'apigateway-rest';
    return undefined;
  }
  // VPC Lattice payload 1.0 carries no requestContext.
  if (typeof read(event, 'method') === 'string' && typeof read(event, 'raw_path') === 'string') {
    return 'vpc-lattice';
  }
  return undefined;
};

/** Whether the request came with `multiValueHeaders` (ALB answers must then use them too). */
export const usesMultiValueHeaders = (event: unknown): boolean =>
  isObject(read(event, 'multiValueHeaders'));

const HEADER_VALUE_TYPES = new Set(['string', 'number', 'boolean']);

const validHeaders = (headers: unknown, multi: boolean): boolean => {
  if (headers === undefined || headers === null) return true;
  if (!isObject(headers)) return false;
  return Object.values(headers).every((value) =>
    multi
      ? Array.isArray(value) && value.every((item) => HEADER_VALUE_TYPES.has(typeof item))
      : HEADER_VALUE_TYPES.has(typeof value),
  );
};

/**
 * Why API Gateway REST, ALB or VPC Lattice would reject this handler result (they answer a bare
 * 502 of their own), or `undefined` when it is acceptable. Payload 2.0 sources accept any JSON
 * result as a 200 body, so only a result that claims a `statusCode` is checked there.
 */
export const malformedResultReason = (source: EventSource, result: unknown): string | undefined => {
  const lenient = source === 'apigateway-http' || source === 'function-url';
  if (lenient && !(isObject(result) && 'statusCode' in result)) return undefined;
  if (source === 'apigateway-websocket' && result === undefined) return undefined;
  if (!isObject(result))
    return `result is ${result === null ? 'null' : typeof result}, not an object`;
  const status = read(result, 'statusCode');
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    return 'statusCode is not an integer from 100 to 599';
  }
  const body = read(result, 'body');
  if (body !== undefined && body !== null && typeof body !== 'string') {
    return `body is ${typeof body}, not a string`;
  }
  if (!validHeaders(read(result, 'headers'), false)) return 'headers are not string values';
  if (!validHeaders(read(result, 'multiValueHeaders'), true)) {
    return 'multiValueHeaders are not arrays of string values';
  }
  return undefined;
};
