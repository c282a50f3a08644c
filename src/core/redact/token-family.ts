/**
 * The shape of a token table entry, and the builders of the made-up bodies of its examples:
 * repeated `EXAMPLE` text, so that no complete real-looking token sits in the source (secret
 * scanners and push protection stay quiet) while every example still matches its family's shape.
 */

/** A token family: its name, its literal prefix, its pattern and a made-up example. */
export interface TokenFamily {
  /** Who issues it and what it is. */
  name: string;
  /** The literal text every token of the family starts with (the prefilter looks for it). */
  prefix: string;
  /** The pattern source, guard excluded. */
  pattern: string;
  /** A made-up token of the family. */
  example: () => string;
}

/** `length` characters of `alphabet`, repeated. */
export const cycle = (alphabet: string, length: number): string =>
  Array.from({ length }, (_, i) => alphabet[i % alphabet.length]).join('');
/** A made-up body: `EXAMPLE`, lower and upper case and digits. */
export const alnum = (length: number): string => cycle('EXAMPLEexample0123456789', length);
/** A made-up lower-case hex body. */
export const hex = (length: number): string => cycle('0123456789abcdef', length);
/** A made-up upper-case and digits body. */
export const upper = (length: number): string => cycle('EXAMPLE0123456789', length);
/** A made-up lower-case and digits body. */
export const lower = (length: number): string => cycle('example0123456789', length);
/** Joins parts, so that no token prefix and body stand together in the source. */
export const join = (...parts: string[]): string => parts.join('');
