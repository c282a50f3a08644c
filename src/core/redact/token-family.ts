/** The shape of an entry of the token table (`tokens.ts`, `tokens-more.ts`). */

/**
 * A token family: its name, its literal prefix and its pattern. Its made-up example, for the
 * tests, is in `test/support/token-examples.ts` under the same name.
 */
export interface TokenFamily {
  /** Who issues it and what it is (the docs' table lists it; the tests key examples by it). */
  name: string;
  /** The literal text every token of the family starts with (the prefilter looks for it). */
  prefix: string;
  /** The pattern source, guard excluded. */
  pattern: string;
}
