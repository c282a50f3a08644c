/**
 * core/trace-id.ts: the ids an answer echoes. The header is client input, so its parser is
 * fuzzed: whatever it is given, the id it returns is a well-formed root or nothing.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  invocationTraceId,
  isTraceId,
  requestIdFor,
  rootFromTraceHeader,
  traceIdFor,
} from '../../src/core/trace-id.js';

const ROOT = '1-5759e988-bd862e3fe1be46a994272793';

afterEach(() => {
  delete process.env._X_AMZN_TRACE_ID;
});

describe('isTraceId', () => {
  it.each([
    [ROOT, true],
    ['1-5759E988-bd862e3fe1be46a994272793', false],
    ['2-5759e988-bd862e3fe1be46a994272793', false],
    [`${ROOT} `, false],
    [`Root=${ROOT}`, false],
    ['', false],
    [null, false],
    [42, false],
  ])('%j -> %s', (value, expected) => {
    expect(isTraceId(value)).toBe(expected);
  });
});

describe('rootFromTraceHeader', () => {
  it.each([
    [`Root=${ROOT};Parent=53995c3f42cd8ad8;Sampled=1`, ROOT],
    [`Self=1-67891233-12456789abcdef012345678;Root=${ROOT}`, ROOT],
    [` Root = ${ROOT} ;Sampled=0`, ROOT],
    ['Root=1-5759e988-bd862e3fe1be46a99427279;Sampled=1', undefined],
    [`Parent=53995c3f42cd8ad8;root=${ROOT}`, undefined],
    [`Root=${ROOT}<script>`, undefined],
    [`Root=${ROOT};${'x'.repeat(2_000)}`, undefined],
    [undefined, undefined],
  ])('%j -> %s', (header, expected) => {
    expect(rootFromTraceHeader(header)).toBe(expected);
  });

  it('returns a well-formed root or nothing, whatever the header', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 2_000 }),
          fc.tuple(fc.string(), fc.string(), fc.string()).map(([a, b, c]) => `${a}Root=${b};${c}`),
          fc.constantFrom(`Root=${ROOT}`).map((h) => `${h};Sampled=1`),
        ),
        (header) => {
          const root = rootFromTraceHeader(header);
          expect(root === undefined || isTraceId(root)).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });
  it('reads a leading Root=<id> in place exactly as splitting the fields would', () => {
    // The split parse the in-place read must agree with: first `Root` field, trimmed.
    const bySplit = (header: string): string | undefined => {
      if (header.length > 1_024) return undefined;
      for (const field of header.split(';')) {
        const [key, value] = field.split('=');
        if (key?.trim() === 'Root') return isTraceId(value?.trim()) ? value?.trim() : undefined;
      }
      return undefined;
    };
    const hex = (length: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${length}}$`));
    const root = fc.tuple(hex(8), hex(24)).map(([time, id]) => `1-${time}-${id}`);
    const near = fc.oneof(
      root,
      root.map((id) => id.slice(1)),
      root.map((id) => `${id}0`),
    );
    fc.assert(
      fc.property(
        near,
        fc.constantFrom('', ';', '=', ' ', ';Root=', ';Parent=53995c3f42cd8ad8;Sampled=1'),
        fc.string({ maxLength: 40 }),
        (id, joint, rest) => {
          const header = `Root=${id}${joint}${rest}`;
          expect(rootFromTraceHeader(header)).toBe(bySplit(header));
        },
      ),
      { numRuns: 3_000 },
    );
  });
});

describe('invocationTraceId and traceIdFor', () => {
  it('reads the invocation variable, full header or bare root', () => {
    process.env._X_AMZN_TRACE_ID = `Root=${ROOT};Parent=53995c3f42cd8ad8;Sampled=1`;
    expect(invocationTraceId()).toBe(ROOT);
    process.env._X_AMZN_TRACE_ID = ROOT;
    expect(invocationTraceId()).toBe(ROOT);
    process.env._X_AMZN_TRACE_ID = 'Root=forged';
    expect(invocationTraceId()).toBeUndefined();
  });

  it('prefers the invocation id over a span id and the request header', () => {
    const other = '1-6b110bf6-c3974bc8786e33ddcfc0b114';
    const event = { headers: { 'X-Amzn-Trace-Id': `Root=${other}` } };
    expect(traceIdFor(event)).toBe(other);
    expect(traceIdFor(event, () => '1-aaaaaaaa-bbbbbbbbbbbbbbbbbbbbbbbb')).toBe(
      '1-aaaaaaaa-bbbbbbbbbbbbbbbbbbbbbbbb',
    );
    process.env._X_AMZN_TRACE_ID = `Root=${ROOT}`;
    expect(traceIdFor(event)).toBe(ROOT);
  });

  it('never echoes a malformed header and answers null when there is nothing', () => {
    expect(traceIdFor({ headers: { 'x-amzn-trace-id': 'Root=1-<img src=x>' } })).toBeNull();
    expect(traceIdFor(null)).toBeNull();
  });
});

describe('requestIdFor', () => {
  it('takes a plain request id from the context', () => {
    expect(requestIdFor({ awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678' })).toBe(
      'c6af9ac6-7b61-11e6-9a41-93e812345678',
    );
  });

  const throwing = {
    get awsRequestId(): string {
      throw new Error('getter');
    },
  };
  it.each([
    ['a space', { awsRequestId: 'a b' }],
    ['200 characters', { awsRequestId: 'x'.repeat(200) }],
    ['a number', { awsRequestId: 42 }],
    ['a throwing getter', throwing],
    ['null', null],
  ])('answers null for %s', (_label, context) => {
    expect(requestIdFor(context)).toBeNull();
  });
});
