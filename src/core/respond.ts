/**
 * The response contract: a JSON body and headers, in the shape the event source accepts.
 *
 * Only data chosen here reaches the client: the stable code, a safe message (the error's own
 * only when its classification exposes it, and capped), and the two ids that were validated
 * before. Clients that prefer RFC 9457 get the same facts as `application/problem+json`.
 */

import type { Classification } from './classify.js';
import { redactThenCap } from './describe-error.js';
import { type HttpEventSource, usesMultiValueHeaders } from './event-source.js';
import type { BodyFormat } from './negotiate.js';
import { isUuid } from './patterns.js';
import { read } from './read.js';
import { statusText } from './status-text.js';

/** The JSON body of every error response. */
export interface ErrorResponseBody {
  /** Stable snake_case code, e.g. `internal_server_error`, `not_found`. */
  error: string;
  /** Text safe to show to the caller; never a stack or an internal message. */
  message: string;
  /** X-Ray root trace id of the failing request, or `null` when there is none. */
  traceId: string | null;
  /** Lambda request id of the failing invocation, or `null` when there is none. */
  requestId: string | null;
}

/** An RFC 9457 problem document, with the contract's fields as extension members. */
export interface ProblemDetailsBody extends Omit<ErrorResponseBody, 'message'> {
  /** Always `about:blank`: the status says it all. */
  type: 'about:blank';
  /** The status's reason phrase (`Internal Server Error`). */
  title: string;
  /** The HTTP status. */
  status: number;
  /** The client message (the contract's `message`). */
  detail: string;
  /** `urn:uuid:<requestId>`, when there is a request id. */
  instance?: string;
}

/** A Lambda result for an HTTP event source. */
export interface HttpErrorResult {
  /** The HTTP status. */
  statusCode: number;
  /** `500 Internal Server Error`: ALB and VPC Lattice targets only. */
  statusDescription?: string;
  /** The response headers (content type, cache control, trace and request ids). */
  headers?: Record<string, string>;
  /** The same headers as lists, for an ALB with multi-value headers on. */
  multiValueHeaders?: Record<string, string[]>;
  /** The serialized body. */
  body: string;
  /** Always `false`: the body is text. */
  isBase64Encoded: false;
}

/** Longest error message a client can get back, for errors that expose their message. */
export const MAX_CLIENT_MESSAGE_CHARS = 1_000;

const GENERIC_MESSAGES: Record<number, string> = {
  500: 'An internal error occurred.',
  501: 'This operation is not implemented.',
  502: 'An upstream service failed to answer.',
  503: 'The service is busy. Retry later.',
  504: 'The request took too long to complete.',
};

const reasonPhrase = (status: number): string =>
  statusText(status) ?? (status < 500 ? 'Client Error' : 'Server Error');

const genericMessage = (status: number): string =>
  GENERIC_MESSAGES[status] ??
  (status >= 500 ? (GENERIC_MESSAGES[500] as string) : `${reasonPhrase(status)}.`);

/**
 * The message the client sees: chosen by the rule, the error's own if exposed, else generic.
 * A chosen or exposed message is redacted like the log (a 4xx can quote a connection string)
 * and capped at {@link MAX_CLIENT_MESSAGE_CHARS}, the note of the cut included.
 * @param classification - What the rules made of the error.
 * @param error - The thrown value.
 * @param redact - The redaction of the log's text; default: none.
 * @returns The message of the answer.
 */
export const clientMessage = (
  classification: Classification,
  error: unknown,
  redact: (text: string) => string = (text) => text,
): string => {
  if (classification.message !== undefined) {
    return redactThenCap(classification.message, MAX_CLIENT_MESSAGE_CHARS, redact, true);
  }
  if (classification.expose) {
    const own = read(error, 'message');
    if (typeof own === 'string' && own.trim().length > 0) {
      return redactThenCap(own, MAX_CLIENT_MESSAGE_CHARS, redact, true);
    }
  }
  return genericMessage(classification.status);
};

const PROBLEM_TYPE = 'application/problem+json';

/** Builds the body in the negotiated format. */
export const errorBody = (
  format: BodyFormat,
  status: number,
  body: ErrorResponseBody,
): ErrorResponseBody | ProblemDetailsBody => {
  if (format === 'json') return body;
  const { message, ...extensions } = body;
  const problem: ProblemDetailsBody = {
    type: 'about:blank',
    title: reasonPhrase(status),
    status,
    detail: message,
    ...extensions,
  };
  if (isUuid(body.requestId)) {
    problem.instance = `urn:uuid:${body.requestId}`;
  }
  return problem;
};

const EXPOSED_HEADERS = 'X-Trace-Id, X-Request-Id, Retry-After';

/** Headers of every error response. */
export const errorHeaders = (
  format: BodyFormat,
  body: ErrorResponseBody,
  retryAfter: number | undefined,
  crossOrigin: boolean,
): Record<string, string> => {
  const headers: Record<string, string> = {
    'Content-Type': format === 'problem' ? PROBLEM_TYPE : 'application/json',
    'Cache-Control': 'no-store',
  };
  if (body.traceId !== null) headers['X-Trace-Id'] = body.traceId;
  if (body.requestId !== null) headers['X-Request-Id'] = body.requestId;
  if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
  // A browser script reads only the headers CORS exposes; the trace id is the point.
  if (crossOrigin) headers['Access-Control-Expose-Headers'] = EXPOSED_HEADERS;
  return headers;
};

/** An error answer, before it takes the shape of a door (Lambda result, Web `Response`). */
export interface ErrorAnswer {
  source: HttpEventSource;
  status: number;
  headers: Record<string, string>;
  /** The serialized JSON (or problem+json) body. */
  body: string;
}

/** Wraps an answer in the Lambda result shape its event source accepts. */
export const toLambdaResult = (
  { source, status, headers, body }: ErrorAnswer,
  event: unknown,
): HttpErrorResult => {
  const result: HttpErrorResult = { statusCode: status, body, isBase64Encoded: false };
  if (source === 'alb' || source === 'vpc-lattice') {
    result.statusDescription = `${status} ${reasonPhrase(status)}`;
  }
  if (source === 'alb' && usesMultiValueHeaders(event)) {
    // With multi-value headers on, ALB reads only `multiValueHeaders` from the answer.
    result.multiValueHeaders = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name, [value]]),
    );
  } else {
    result.headers = headers;
  }
  return result;
};
