/**
 * A streamed body that never sends its first chunk is answered by the contract (504) before the
 * Lambda deadline, and the stalled source is released; a body that sends in time streams on.
 */
import { Readable } from 'node:stream';
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import { describe, expect, it, vi } from 'vitest';
import {
  guardStreamedResponse,
  STREAM_DEADLINE_MARGIN_MS,
  StreamStalledError,
  streamDeadline,
} from '../../src/doors/stream-guard.js';
import { errorNormalizer } from '../../src/index.js';
import { streamGuard } from '../../src/streaming.js';
import { eachInvocation, fixture, lambdaContext } from '../support/lambda.js';

const invocation = eachInvocation();

/** A Readable that never pushes: what an upstream that hangs looks like. */
const stalled = () => new Readable({ read: () => undefined });

describe('streamDeadline', () => {
  it('is the remaining time minus the margin, never negative, undefined without a context', () => {
    expect(streamDeadline({ getRemainingTimeInMillis: () => 3_000 })).toBe(
      3_000 - STREAM_DEADLINE_MARGIN_MS,
    );
    expect(streamDeadline({ getRemainingTimeInMillis: () => 100 })).toBe(0);
    expect(streamDeadline({})).toBeUndefined();
    expect(streamDeadline(undefined)).toBeUndefined();
    expect(
      streamDeadline({
        getRemainingTimeInMillis: () => {
          throw new Error('no');
        },
      }),
    ).toBeUndefined();
  });
});

describe('guardStreamedResponse with a deadline', () => {
  it('rejects a body that sends nothing in time, and destroys it', async () => {
    const body = stalled();
    await expect(
      guardStreamedResponse({ statusCode: 200, body }, () => undefined, 20),
    ).rejects.toBeInstanceOf(StreamStalledError);
    expect(body.destroyed).toBe(true);
  });

  it('lets a body that sends in time stream on, whole', async () => {
    const guarded = (await guardStreamedResponse(
      { statusCode: 200, body: Readable.from(['a', 'b']) },
      () => undefined,
      5_000,
    )) as { body: Readable };
    const chunks: unknown[] = [];
    for await (const chunk of guarded.body) chunks.push(chunk);
    expect(chunks.join('')).toBe('ab');
  });
});

describe('the Middy door with a stalled stream', () => {
  it('answers 504 by the contract before the deadline with streamGuard()', async () => {
    const body = stalled();
    const handler = middy(async () => ({ statusCode: 200, body })).use(
      errorNormalizer({ logger: new Logger(), streaming: streamGuard() }),
    );
    const context = lambdaContext({ remainingMs: STREAM_DEADLINE_MARGIN_MS + 50 });
    const result = (await handler(fixture('lambda-urls-request.json'), context)) as unknown as {
      statusCode: number;
      body: string;
    };
    expect(result.statusCode).toBe(504);
    expect(JSON.parse(result.body)).toMatchObject({
      error: 'gateway_timeout',
      traceId: invocation.trace.root,
      requestId: context.awsRequestId,
    });
    expect(body.destroyed).toBe(true);
    expect(invocation.output.logs('ERROR')).toHaveLength(1);
  });
});

describe('the Middy door without streamGuard()', () => {
  it('hands a streamed result back as it came, and says once on stderr how to guard it', async () => {
    const body = Readable.from(['a']);
    const response = { statusCode: 200, body };
    const handler = middy(async () => response).use(errorNormalizer({ logger: new Logger() }));
    const written: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const result = await handler(fixture('lambda-urls-request.json'), lambdaContext());
      await handler(fixture('lambda-urls-request.json'), lambdaContext());
      expect(result).toBe(response);
      expect((result as { body: unknown }).body).toBe(body);
    } finally {
      stderr.mockRestore();
    }
    expect(invocation.output.logs('ERROR')).toEqual([]);
    // Once for the two invocations of this handler, naming the import.
    expect(written.filter((line) => line.includes('not guarded'))).toEqual([
      expect.stringContaining("streaming: streamGuard() from 'lambda-error-normalizer/streaming'"),
    ]);
  });

  it('refuses a streaming option that is not a guard, naming the import', () => {
    expect(() => errorNormalizer({ streaming: true as never })).toThrow(
      `errorNormalizer: "streaming" must be streamGuard() from 'lambda-error-normalizer/streaming', got true`,
    );
  });
});

describe('empty chunks', () => {
  it.each([
    ['an empty Buffer', Buffer.alloc(0)],
    ['an empty string', ''],
  ])(
    '%s first sends no byte: a failure after it is still answered by the contract',
    async (_label, empty) => {
      async function* body() {
        yield empty;
        throw new Error('boom after nothing');
      }
      await expect(
        guardStreamedResponse(
          { statusCode: 200, body: Readable.from(body()) },
          () => undefined,
          5_000,
        ),
      ).rejects.toThrow('boom after nothing');
    },
  );

  it('skips empty chunks before the first byte and streams the rest whole', async () => {
    const guarded = (await guardStreamedResponse(
      { statusCode: 200, body: Readable.from(['', Buffer.alloc(0), 'a', '', 'b']) },
      () => undefined,
      5_000,
    )) as { body: Readable };
    const chunks: string[] = [];
    for await (const chunk of guarded.body) chunks.push(String(chunk));
    expect(chunks.join('')).toBe('ab');
  });
});
