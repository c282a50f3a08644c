/** The shape of an entry of the token table (`tokens.ts`), and the helper that writes one. */

/**
 * A token family: its name, its keywords and its pattern. Its made-up example, for the tests, is
 * in `test/support/token-examples.ts` under the same name.
 */
export interface TokenFamily {
  /** Who issues it and what it is (the docs' table lists it; the tests key examples by it). */
  name: string;
  /**
   * Literal texts, one of which every token of the family contains, case included: a text with
   * none of them skips the family's pattern, as secret scanners' keywords do. The tests generate
   * matches of the pattern and check that each holds a keyword.
   */
  keywords: readonly string[];
  /** The pattern source, guard excluded. */
  pattern: string;
}

/** One entry of the table. */
export const family = (
  name: string,
  keywords: readonly string[],
  pattern: string,
): TokenFamily => ({ name, keywords, pattern });
