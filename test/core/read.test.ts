/** core/read.ts: reads of values nobody vouches for never throw and never grow without bound. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cap, isObject, isRecord, read, safeString } from '../../src/core/read.js';

const hostile = [
  [
    'a throwing getter',
    Object.defineProperty({}, 'x', {
      get: () => {
        throw new Error('no');
      },
    }),
  ],
  [
    'a revoked proxy',
    (() => {
      const p = Proxy.revocable({}, {});
      p.revoke();
      return p.proxy;
    })(),
  ],
  [
    'a proxy whose get trap throws',
    new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap');
        },
      },
    ),
  ],
  ['a frozen object', Object.freeze({ x: 1 })],
  ['null', null],
  ['a string', 'text'],
] as const;

describe('read', () => {
  it.each(hostile)('survives %s', (_label, value) => {
    expect(() => read(value, 'x')).not.toThrow();
  });

  it('reads own and inherited properties of objects and functions', () => {
    const fn = Object.assign(() => 1, { code: 'E1' });
    expect(read(fn, 'code')).toBe('E1');
    expect(read(new TypeError('m'), 'name')).toBe('TypeError');
    expect(read('text', 'length')).toBeUndefined();
  });
});

describe('safeString', () => {
  it('survives a throwing toString and Symbol.toPrimitive', () => {
    const value = {
      toString: () => {
        throw new Error('no');
      },
      [Symbol.toPrimitive]: () => {
        throw new Error('no');
      },
    };
    expect(safeString(value)).toBe('[object Object]');
    expect(safeString(Symbol('s'))).toBe('Symbol(s)');
  });
});

describe('cap', () => {
  it('keeps short text and says how much it cut', () => {
    expect(cap('abc', 3)).toBe('abc');
    expect(cap('abcdef', 3)).toBe('abc… [3 more characters]');
  });

  it('never keeps more than max characters of the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), fc.nat(200), (text, max) => {
        const out = cap(text, max);
        expect(out.startsWith(text.slice(0, max))).toBe(true);
        if (text.length <= max) expect(out).toBe(text);
        else expect(out).toContain(`[${text.length - max} more characters]`);
      }),
    );
  });
});

describe('isObject and isRecord', () => {
  it('tell objects, arrays and the rest apart', () => {
    expect([isObject({}), isObject([]), isObject(null), isObject(() => 1)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect([isRecord({}), isRecord([]), isRecord(null)]).toEqual([true, false, false]);
  });
});
