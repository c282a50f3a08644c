/** The word finder answers as a substring search of every word would, for any words and text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordFinder } from '../../src/core/redact/word-finder.js';

/** Words and texts over a small alphabet, so that words really occur in texts. */
const alphabet = fc.constantFrom('a', 'b', 'c', '_', '-', 'A', 'é', '😀', '\u007f', '\u0080');
const word = fc.array(alphabet, { minLength: 1, maxLength: 5 }).map((chars) => chars.join(''));
const text = fc.array(alphabet, { maxLength: 40 }).map((chars) => chars.join(''));

describe('wordFinder', () => {
  it('finds a word exactly where a substring search does (property)', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), text, (words, subject) => {
        const expected = words.some((w) => subject.includes(w));
        expect(wordFinder(words)(subject)).toBe(expected);
      }),
      { numRuns: 5_000 },
    );
  });

  it('finds a word at the very start and the very end, and one-character words', () => {
    const find = wordFinder(['ab', 'yz', 'q', 'é!']);
    expect(find('ab---')).toBe(true);
    expect(find('---yz')).toBe(true);
    expect(find('--q--')).toBe(true);
    expect(find('x é! x')).toBe(true);
    expect(find('a b y z é')).toBe(false);
  });

  it('finds nothing without words, and ignores an empty word', () => {
    expect(wordFinder([])('anything')).toBe(false);
    expect(wordFinder([''])('anything')).toBe(false);
  });
});
