/**
 * Which service sent the event, and the response shape that service accepts.
 *
 * Only a request that carries the fields its service always sets is answered. API Gateway
 * calls a Lambda authorizer with the request's own fields plus what to authorize: its `type`,
 * the resource (`methodArn`, `routeArn`) or the caller's `authorizationToken` (AppSync's
 * authorizer sends that one too). An authorizer must throw `Error('Unauthorized')` for API
 * Gateway to send a 401, so it is never answered. Anything else (authorizers, queues, streams,
 * triggers, Lambda@Edge, a direct invoke...) is `undefined`, and its errors go back to Lambda
 * untouched.
 */
import { isObject, read } from './describe-error.js';

/** An HTTP event source the middleware can answer. */
export type EventSource =
  | 'apigateway-rest'
  | 'apigateway-http'
  | 'apigateway-websocket'
  | 'function-url'
  | 'alb'
  | 'vpc-lattice';

type Fields = Record<string, unknown>;

/** Payload 2.0 (HTTP API, function URL): version, route path and method are always there. */
const payload2Source = (e: Fields, rc: Fields): EventSource | undefined => {
  const http = rc.http as Fields | null | undefined;
  if (!isObject(http) || typeof http.method !== 'string' || typeof e.rawPath !== 'string') {
    return undefined;
  }
  // Function URLs send payload 2.0 too; their domain is the only thing that says so.
  const domain = rc.domainName;
  return typeof domain === 'string' && domain.includes('.lambda-url.')
    ? 'function-url'
    : 'apigateway-http';
};

/** The source of an event that has a `requestContext`, by the fields its service always sets. */
const sourceWithContext = (e: Fields, rc: Fields): EventSource | undefined => {
  const elb = rc.elb as Fields | null | undefined;
  if (isObject(elb)) {
    return typeof elb.targetGroupArn === 'string' && typeof e.httpMethod === 'string'
      ? 'alb'
      : undefined;
  }
  // WebSocket messages and the $connect/$disconnect routes of a proxy integration.
  if (typeof rc.connectionId === 'string') {
    return typeof rc.routeKey === 'string' && typeof rc.eventType === 'string'
      ? 'apigateway-websocket'
      : undefined;
  }
  if (typeof rc.serviceNetworkArn === 'string' || typeof rc.serviceArn === 'string') {
    return typeof e.method === 'string' && typeof e.path === 'string' ? 'vpc-lattice' : undefined;
  }
  if (typeof rc.requestId !== 'string' || typeof rc.apiId !== 'string') return undefined;
  if (e.version === '2.0') return payload2Source(e, rc);
  // Payload 1.0: REST APIs, and HTTP APIs set to 1.0 (the same request and answer shapes).
  return typeof e.httpMethod === 'string' ? 'apigateway-rest' : undefined;
};

/**
 * The HTTP event source of `event`, or `undefined` when it is not a proxy request: an
 * authorizer, a non-HTTP event, or a shape that lacks a field its service always sets. Plain
 * property reads (not `read()`): this runs on every invocation, and one keyed `read()` per
 * field is a megamorphic lookup each time. A getter that throws means Lambda did not send it.
 */
export const eventSourceOf = (event: unknown): EventSource | undefined => {
  if (!isObject(event)) return undefined;
  try {
    const e = event as Fields;
    // Authorizer input: REST TOKEN/REQUEST, HTTP API 1.0/2.0, WebSocket $connect, AppSync.
    if (
      e.type !== undefined ||
      e.methodArn !== undefined ||
      e.routeArn !== undefined ||
      e.authorizationToken !== undefined
    ) {
      return undefined;
    }
    const rc = e.requestContext as Fields | null | undefined;
    if (isObject(rc)) return sourceWithContext(e, rc);
    // VPC Lattice payload 1.0 carries no requestContext; its snake_case fields are the evidence.
    return typeof e.method === 'string' &&
      typeof e.raw_path === 'string' &&
      typeof e.is_base64_encoded === 'boolean'
      ? 'vpc-lattice'
      : undefined;
  } catch {
    return undefined;
  }
};

/**
 * A request header's first value, in the two spellings event sources use: lower case (HTTP
 * API, function URLs, ALB, VPC Lattice) or as the client sent it, canonically cased (REST API).
 * Reads `headers`, then `multiValueHeaders`; array values (ALB, Lattice) give their first item.
 */
export const requestHeader = (
  event: unknown,
  lower: string,
  canonical: string,
): string | undefined => {
  if (!isObject(event)) return undefined;
  // Runs on every request (the Origin check): plain reads in one try, as in eventSourceOf.
  try {
    const e = event as Record<string, Record<string, unknown> | null | undefined>;
    for (const headers of [e.headers, e.multiValueHeaders]) {
      if (!isObject(headers)) continue;
      const value = headers[lower] ?? headers[canonical];
      const first = Array.isArray(value) ? value[0] : value;
      if (typeof first === 'string') return first;
    }
  } catch {
    // A header that cannot be read is a header the request does not have.
  }
  return undefined;
};

/** Whether the request came with `multiValueHeaders` (ALB answers must then use them too). */
export const usesMultiValueHeaders = (event: unknown): boolean =>
  isObject(read(event, 'multiValueHeaders'));

const isHeaderValue = (value: unknown): boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

const validHeaders = (headers: unknown, multi: boolean): boolean => {
  if (headers === undefined || headers === null) return true;
  if (!isObject(headers)) return false;
  // Runs on every successful request: a keyed loop allocates no array of values.
  const record = headers as Record<string, unknown>;
  for (const name in record) {
    if (!Object.hasOwn(record, name)) continue;
    const value = record[name];
    if (multi ? !(Array.isArray(value) && value.every(isHeaderValue)) : !isHeaderValue(value)) {
      return false;
    }
  }
  return true;
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
  try {
    const r = result as Record<string, unknown>;
    const status = r.statusCode;
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
      return 'statusCode is not an integer from 100 to 599';
    }
    const body = r.body;
    if (body !== undefined && body !== null && typeof body !== 'string') {
      return `body is ${typeof body}, not a string`;
    }
    if (!validHeaders(r.headers, false)) return 'headers are not string values';
    if (!validHeaders(r.multiValueHeaders, true)) {
      return 'multiValueHeaders are not arrays of string values';
    }
    return undefined;
  } catch {
    return 'result could not be read';
  }
};
