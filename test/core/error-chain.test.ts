/** core/error-chain.ts: the links rules look at, bounded and cycle-safe. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorChain, someInChain } from '../../src/core/error-chain.js';

describe('errorChain', () => {
  it('yields the value, its causes and aggregate members, breadth first', () => {
    const socket = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const fetchFailed = new TypeError('fetch failed', { cause: socket });
    const aggregate = new AggregateError([new Error('a'), fetchFailed], 'many');
    const links = [...errorChain(aggregate)].map((link) => (link as Error).message);
    expect(links).toEqual(['many', 'a', 'fetch failed', 'connect ECONNREFUSED']);
  });

  it('stops on a circular cause and at eight links', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect([...errorChain(a)]).toHaveLength(2);
    let deep: Error = new Error('0');
    for (let i = 1; i < 100; i++) deep = new Error(String(i), { cause: deep });
    expect([...errorChain(deep)]).toHaveLength(8);
  });

  it('skips what is not an object and survives throwing getters', () => {
    const hostile = Object.defineProperty(new Error('x'), 'cause', {
      get: () => {
        throw new Error('getter');
      },
    });
    expect([...errorChain('text')]).toEqual([]);
    expect([...errorChain(hostile)]).toHaveLength(1);
  });

  it('is bounded whatever the shape', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4 }), (value) => {
        expect([...errorChain(value)].length).toBeLessThanOrEqual(8);
      }),
    );
  });
});

describe('someInChain', () => {
  it('finds a link deep in the chain and stops at the first match', () => {
    const inner = Object.assign(new Error('inner'), { code: 'ETIMEDOUT' });
    const outer = new Error('outer', { cause: new Error('middle', { cause: inner }) });
    const seen: unknown[] = [];
    expect(
      someInChain(outer, (link) => {
        seen.push(link);
        return (link as { code?: string }).code === 'ETIMEDOUT';
      }),
    ).toBe(true);
    expect(seen).toHaveLength(3);
    expect(someInChain(outer, () => false)).toBe(false);
  });
});
