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
import { isObject, read } from './read.js';

/**
 * An HTTP event source the middleware can answer.
 * @example
 * ```ts
 * if (incident.eventSource === 'alb') albFailures.add(1);
 * ```
 */
export type HttpEventSource =
  | 'apigateway-rest'
  | 'apigateway-http'
  | 'apigateway-websocket'
  | 'function-url'
  | 'alb'
  | 'vpc-lattice';

type Fields = Record<string, unknown>;

/** Payload 2.0 (HTTP API, function URL): version, route path and method are always there. */
const payload2Source = (e: Fields, rc: Fields): HttpEventSource | undefined => {
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
const sourceWithContext = (e: Fields, rc: Fields): HttpEventSource | undefined => {
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
export const eventSourceOf = (event: unknown): HttpEventSource | undefined => {
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

/** The value of the header named `lower` in any casing: a scan, for the rare odd spelling. */
const anyCase = (headers: Record<string, unknown>, lower: string): unknown => {
  for (const name in headers) {
    if (
      name.length === lower.length &&
      name.toLowerCase() === lower &&
      Object.hasOwn(headers, name)
    ) {
      return headers[name];
    }
  }
  return undefined;
};

/**
 * A request header's first value, whatever its casing. HTTP API, function URLs, ALB and VPC
 * Lattice send lower-case names; a REST API passes the client's own (`Origin`, `ORIGIN`,
 * `accept`). The two usual spellings are read directly; only when both miss are the names
 * scanned. Reads `headers`, then `multiValueHeaders`; array values (ALB, Lattice) give their
 * first item.
 *
 * @param event - the Lambda event (anything; a throwing getter reads as no header).
 * @param lower - the header name in lower case, e.g. `accept`.
 * @param canonical - its usual spelling, e.g. `Accept`.
 * @returns the first string value, or `undefined` when the request has none.
 */
export const requestHeader = (
  event: unknown,
  lower: string,
  canonical: string,
): string | undefined => {
  if (!isObject(event)) return undefined;
  // Plain reads in one try, as in eventSourceOf.
  try {
    const e = event as Record<string, Record<string, unknown> | null | undefined>;
    for (const headers of [e.headers, e.multiValueHeaders]) {
      if (!isObject(headers)) continue;
      const value = headers[lower] ?? headers[canonical] ?? anyCase(headers, lower);
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
