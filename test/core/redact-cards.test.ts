/** The payment card rule: card numbers (Luhn-valid, a network's first digit) keep their last four. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/core/describe-error.js';
import { compileRedaction } from '../../src/core/redact/index.js';

const redact = compileRedaction(undefined);

/** A Luhn-valid number of `length` digits starting with `first`, from fast-check's digits. */
const luhnNumber = (first: string, body: readonly number[]): string => {
  const partial = first + body.join('');
  for (let check = 0; check <= 9; check++) {
    const candidate = partial + check;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let digit = Number(candidate[candidate.length - 1 - i]);
      if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
};

describe('payment card numbers', () => {
  it.each([
    ['Visa, plain', 'card 4111111111111111 declined', 'card ****1111 declined'],
    ['Visa, grouped by spaces', 'pan=4111 1111 1111 1111;', 'pan=****1111;'],
    ['Mastercard, dashes', 'charge 5555-5555-5555-4444 failed', 'charge ****4444 failed'],
    ['Amex, 4-6-5', 'card 3782 822463 10005 refused', 'card ****0005 refused'],
    ['in JSON', '{"card":"6011111111111117"}', '{"card":"****1117"}'],
  ])('%s', (_label, text, expected) => {
    expect(redact.text(text)).toBe(expected);
  });

  it.each([
    ['a Luhn-invalid number', 'order 4111111111111112 shipped'],
    ['an epoch in milliseconds', 'at 1796279286826 the job failed'],
    ['a short digit run', 'id 411111111111 missing'],
    ['a longer digit run', 'id 41111111111111111111 missing'],
  ])('leaves %s alone', (_label, text) => {
    expect(redact.text(text)).toBe(text);
  });

  it('hides every Luhn-valid number of a network, 13 to 19 digits, but its last four', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('2', '3', '4', '5', '6'),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 17 }),
        (first, body) => {
          const pan = luhnNumber(first, body);
          const out = redact.text(`declined: ${pan} (issuer 05)`);
          expect(out).not.toContain(pan);
          expect(out).toBe(`declined: ****${pan.slice(-4)} (issuer 05)`);
        },
      ),
    );
  });

  it('hides a card number held as a number field, and leaves other numbers numbers', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('3', '4', '5', '6'),
        // 13 to 16 digits led by 3 to 6: below 2^53, so exact as a JavaScript number.
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 14 }),
        fc.integer(),
        (first, body, amount) => {
          const pan = luhnNumber(first, body);
          const thrown = Object.assign(new Error('declined'), { card: Number(pan), amount });
          const fields = describeError(thrown, redact).fields;
          expect(fields?.card).toBe(`****${pan.slice(-4)}`);
          expect(fields?.amount).toBe(amount);
        },
      ),
    );
  });
});
