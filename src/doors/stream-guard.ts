/**
 * The opt-in stream guard (`lambda-error-normalizer/streaming`). Streamed answers (Lambda
 * response streaming, e.g. Middy's `executionModeStreamifyResponse`) fail in two ways that need
 * different handling:
 *
 * - before the first byte: nothing has reached the client, so the error can still be answered
 *   by the contract. A streamed body is therefore read up to its first chunk before the
 *   answer starts; a body that fails there fails the request like a thrown error.
 * - after bytes were sent: status and headers are gone, and a second answer (or a stack trace)
 *   must not be written into the stream. The error is handed to a callback once, to be logged
 *   and traced, and the stream ends cleanly so the invocation finishes.
 */
import { Readable } from 'node:stream';
import { isStreamBody, type StreamBody, streamedBody } from './stream-body.js';
import type { StreamGuard } from './types.js';

const toNodeReadable = (body: StreamBody): Readable =>
  body instanceof Readable ? body : Readable.fromWeb(body);

/**
 * Time kept before the Lambda deadline to answer a stalled stream and log it.
 * @example
 * ```ts
 * middy(streaming, { timeoutEarlyInMillis: STREAM_DEADLINE_MARGIN_MS }); // one deadline for both
 * ```
 */
export const STREAM_DEADLINE_MARGIN_MS = 500;

/**
 * Milliseconds a streamed body may take to send its first chunk: the invocation's remaining
 * time minus {@link STREAM_DEADLINE_MARGIN_MS}; `undefined` when the context cannot tell.
 *
 * @param context - the Lambda context (anything; a throwing getter reads as no deadline).
 * @returns the wait in milliseconds (at least 0), or `undefined`.
 */
export const streamDeadline = (context: unknown): number | undefined => {
  try {
    const remaining = (
      context as { getRemainingTimeInMillis?: () => unknown }
    )?.getRemainingTimeInMillis?.();
    return typeof remaining === 'number' && Number.isFinite(remaining)
      ? Math.max(0, remaining - STREAM_DEADLINE_MARGIN_MS)
      : undefined;
  } catch {
    return undefined;
  }
};

/**
 * A streamed body that sent nothing before the deadline: answered 504 by the timeout rule.
 * @example
 * ```ts
 * if (incident.error.name === 'TimeoutError') stalls.add(1); // a stall is answered 504 like any timeout
 * ```
 */
export class StreamStalledError extends Error {
  /** `TimeoutError`, so that the default timeout rule answers it 504. */
  override name = 'TimeoutError';
}

/** A chunk that sends no byte (`''`, an empty Buffer): the answer is still the contract's. */
const isEmptyChunk = (chunk: unknown): boolean =>
  (typeof chunk === 'string' || chunk instanceof Uint8Array) && chunk.length === 0;

/**
 * The first chunk that holds a byte (empty ones are skipped), or the end, or a
 * `StreamStalledError` after `waitMs` in all; the timer never outlives it.
 */
const firstChunk = async (
  source: AsyncIterator<unknown>,
  readable: Readable,
  waitMs: number | undefined,
): Promise<IteratorResult<unknown>> => {
  let pending: Promise<IteratorResult<unknown>> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const stalled =
    waitMs === undefined
      ? undefined
      : new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            // Release the source: its pending read ends with the stream, and nothing awaits it.
            pending?.catch(() => undefined);
            readable.destroy();
            reject(new StreamStalledError(`stream sent no data within ${waitMs} ms`));
          }, waitMs);
        });
  try {
    for (;;) {
      pending = source.next();
      const next = await (stalled === undefined ? pending : Promise.race([pending, stalled]));
      if (next.done === true || !isEmptyChunk(next.value)) return next;
    }
  } finally {
    clearTimeout(timer);
  }
};

/**
 * Reads the streamed body of `response` up to its first chunk and returns the result with a
 * body that replays that chunk, then the rest.
 *
 * @param response - the handler's result: a stream, or an object with a stream `body`.
 * @param onLateError - called once with an error the body raised after its first chunk; the
 *   stream then ends without it. It must not throw (what it throws is dropped).
 * @param waitMs - how long the first chunk may take (see {@link streamDeadline}); without it,
 *   as long as the body takes.
 * @returns the result with a guarded body.
 * @throws what the body raised before its first chunk, or a `StreamStalledError` (named
 *   `TimeoutError`) when it sent nothing in `waitMs`, so it is answered like a thrown error.
 */
export const guardStreamedResponse = async (
  response: unknown,
  onLateError: (error: unknown) => void,
  waitMs?: number,
): Promise<unknown> => {
  const body = streamedBody(response);
  if (body === undefined) return response;
  const readable = toNodeReadable(body);
  const source = readable[Symbol.asyncIterator]();
  const first = await firstChunk(source, readable, waitMs);

  async function* replay(): AsyncGenerator<unknown> {
    let finished = first.done === true;
    try {
      if (finished) return;
      yield first.value;
      for (;;) {
        const next = await source.next();
        if (next.done === true) {
          finished = true;
          return;
        }
        yield next.value;
      }
    } catch (error) {
      finished = true;
      try {
        onLateError(error);
      } catch {
        // The report never decides whether the stream ends.
      }
    } finally {
      // The consumer stopped early (client gone): release the source too.
      if (!finished) await source.return?.();
    }
  }

  const guarded = Readable.from(replay());
  return isStreamBody(response) ? guarded : { ...(response as object), body: guarded };
};

const GUARD: StreamGuard = {
  guard: (response, context, onLateError) =>
    guardStreamedResponse(response, onLateError, streamDeadline(context)),
};

/**
 * The stream guard for a Middy handler that streams (a function URL in `RESPONSE_STREAM`
 * mode): a body that fails before its first chunk, or sends nothing until the invocation's
 * remaining time less {@link STREAM_DEADLINE_MARGIN_MS}, is answered by the contract like a
 * thrown error (a stall as 504); one that fails after bytes were sent is logged and traced
 * once (`kind: "stream_error"`) and the stream ends cleanly. Without it, a streamed body goes
 * out unguarded.
 *
 * @returns the guard for the `streaming` option of `errorNormalizer`.
 * @example
 * ```ts
 * import { streamGuard } from 'lambda-error-normalizer/streaming';
 *
 * export const handler = middy(streamingHandler, {
 *   executionMode: executionModeStreamifyResponse,
 * }).use(errorNormalizer({ logger, streaming: streamGuard() }));
 * ```
 */
export const streamGuard = (): StreamGuard => GUARD;
