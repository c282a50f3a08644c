/**
 * The Tracer guard: with Powertools' own switch (`POWERTOOLS_TRACER_CAPTURE_ERROR=false`) the
 * user's Tracer is left untouched and records no error text; without it, its
 * `addErrorAsMetadata` records a redacted copy. The patch is pinned to the Tracer versions where
 * it was checked: a new major must be looked at again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorNormalizer } from '../../src/index.js';
import { repoRoot } from '../support/lambda.js';

const SECRET = 'hunter2-Zq9';

const fakeSegment = () => ({ addError: vi.fn(), addErrorFlag: vi.fn() });

const tracedTracer = () => {
  const tracer = new Tracer({ serviceName: 'guard-test' });
  const segment = fakeSegment();
  vi.spyOn(tracer, 'isTracingEnabled').mockReturnValue(true);
  vi.spyOn(tracer, 'getSegment').mockReturnValue(segment as never);
  return { tracer, segment };
};

afterEach(() => {
  delete process.env.POWERTOOLS_TRACER_CAPTURE_ERROR;
  vi.restoreAllMocks();
});

describe('guardTracer', () => {
  it('with POWERTOOLS_TRACER_CAPTURE_ERROR=false, leaves the Tracer as it is', () => {
    process.env.POWERTOOLS_TRACER_CAPTURE_ERROR = 'false';
    const { tracer, segment } = tracedTracer();
    errorNormalizer({ logger: new Logger(), tracer });
    expect(Object.hasOwn(tracer, 'addErrorAsMetadata')).toBe(false);
    // Powertools then flags the segment and records no error text of its own.
    tracer.addErrorAsMetadata(new Error(`password=${SECRET}`));
    expect(segment.addError).not.toHaveBeenCalled();
    expect(segment.addErrorFlag).toHaveBeenCalledTimes(1);
  });

  it('without the switch, makes addErrorAsMetadata record a redacted copy', () => {
    const { tracer, segment } = tracedTracer();
    errorNormalizer({ logger: new Logger(), tracer });
    expect(Object.hasOwn(tracer, 'addErrorAsMetadata')).toBe(true);
    const original = new Error(`password=${SECRET}`);
    tracer.addErrorAsMetadata(original);
    const recorded = segment.addError.mock.calls[0]?.[0] as Error;
    expect(recorded).not.toBe(original);
    expect(`${recorded.message}\n${recorded.stack}`).not.toContain(SECRET);
    expect(original.message).toContain(SECRET);
  });

  it('guards a tracer shared by two handlers once: one redacted copy is recorded', () => {
    const { tracer, segment } = tracedTracer();
    errorNormalizer({ logger: new Logger(), tracer });
    const first = tracer.addErrorAsMetadata;
    errorNormalizer({ logger: new Logger(), tracer });
    expect(tracer.addErrorAsMetadata).toBe(first);
    tracer.addErrorAsMetadata(new Error(`password=${SECRET}`));
    expect(segment.addError).toHaveBeenCalledTimes(1);
  });

  it('says once per handler that a frozen tracer cannot be guarded', () => {
    const { tracer } = tracedTracer();
    Object.freeze(tracer);
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    errorNormalizer({ logger: new Logger(), tracer });
    errorNormalizer({ logger: new Logger(), tracer });
    // Each handler keeps its own record of what it said: nothing is shared between them.
    expect(written.filter((line) => line.includes('tracer could not be guarded'))).toHaveLength(2);
  });

  it('is pinned to the Tracer versions where the patch was checked (2.30.2 to 2.x)', () => {
    const pkg = JSON.parse(
      readFileSync(
        join(repoRoot, 'node_modules/@aws-lambda-powertools/tracer/package.json'),
        'utf8',
      ),
    ) as { version: string };
    const [major, minor, patch] = pkg.version.split('.').map(Number) as [number, number, number];
    expect(major).toBe(2);
    expect(minor * 1_000 + patch).toBeGreaterThanOrEqual(30_002);
  });
});
