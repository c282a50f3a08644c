/**
 * What a streamed response looks like to the Middy door (Lambda response streaming, e.g.
 * Middy's `executionModeStreamifyResponse`): a stream, or a result whose `body` is one. The
 * door needs this much always, to leave a streamed body out of its result checks; holding the
 * stream to its first chunk is the opt-in guard's job (`stream-guard.ts`).
 */
import type { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/** A streamed response body: a Node.js `Readable` or a web `ReadableStream`. */
export type StreamBody = Readable | WebReadableStream;

/** Whether `value` is a body Middy would stream (the same test as Middy's own). */
export const isStreamBody = (value: unknown): value is StreamBody =>
  typeof value === 'object' &&
  value !== null &&
  ('_readableState' in value || value instanceof globalThis.ReadableStream);

/** The streamed body of a handler result, if it has one. */
export const streamedBody = (response: unknown): StreamBody | undefined => {
  if (isStreamBody(response)) return response;
  if (typeof response !== 'object' || response === null) return undefined;
  const body = (response as { body?: unknown }).body;
  return isStreamBody(body) ? body : undefined;
};

/** Whether a handler result streams: a stream itself, or an object with a stream `body`. */
export const isStreamedResponse = (response: unknown): boolean =>
  streamedBody(response) !== undefined;

/**
 * The result without its streamed body, for the checks that read status and headers; `undefined`
 * when the result is a bare stream (it has neither).
 */
export const withoutStreamBody = (response: unknown): unknown => {
  if (isStreamBody(response)) return undefined;
  const { body: _streamed, ...rest } = response as Record<string, unknown>;
  return rest;
};
