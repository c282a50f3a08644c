/**
 * The response contract: a JSON body and headers, in the shape the event source accepts.
 *
 * Only data chosen here reaches the client: the stable code, a safe message (the error's own
 * only when its classification exposes it, and capped), and the two ids that were validated
 * before. An opt-in {@link ErrorBodyFormat} (RFC 9457 problem details) can give the same facts
 * another shape.
 */

import type { Classification } from './classify.js';
import { redactThenCap } from './describe-error.js';
import { type HttpEventSource, usesMultiValueHeaders } from './event-source.js';
import { read } from './read.js';
import { statusText } from './status-text.js';

/**
 * The JSON body of every error response.
 * @example
 * ```ts
 * const { error, traceId }: ErrorResponseBody = await response.json(); // a client reading an answer
 * ```
 */
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

/**
 * A Lambda result for an HTTP event source.
 * @example
 * ```ts
 * const result = (await handler(event, context)) as HttpErrorResult; // result.statusCode: 500
 * ```
 */
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

/** The status's reason phrase, or a generic one for a code without a registered phrase. */
export const reasonPhrase = (status: number): string =>
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

/**
 * A body format other than the JSON contract, chosen per request from its `Accept` header:
 * `problemDetails()` (from `lambda-error-normalizer/problem-details`) is one.
 * @example
 * ```ts
 * errorNormalizer({ logger, problemDetails: problemDetails() }); // the built-in format
 * ```
 */
export interface ErrorBodyFormat {
  /** The `Content-Type` of an answer in this format. */
  readonly contentType: string;
  /**
   * Whether the client prefers this format to the JSON contract.
   * @param accept - the request's `Accept` header value, or `undefined`.
   * @returns `true` to answer in this format.
   */
  preferredBy(accept: string | undefined): boolean;
  /**
   * The answer's body, from the contract's fields.
   * @param status - the answered HTTP status.
   * @param contract - the JSON contract's body.
   * @returns the object serialized as the body.
   */
  body(status: number, contract: ErrorResponseBody): object;
}

const EXPOSED_HEADERS = 'X-Trace-Id, X-Request-Id, Retry-After';

/** Headers of every error response; `contentType` is the body format's. */
export const errorHeaders = (
  contentType: string,
  body: ErrorResponseBody,
  retryAfter: number | undefined,
  crossOrigin: boolean,
): Record<string, string> => {
  const headers: Record<string, string> = {
    'Content-Type': contentType,
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
  /** The serialized body, in the JSON contract or the format the client preferred. */
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
