/** Reading the fields of a parsed log line: one home for the CLI's small type guards. */

/** `value` when it is a string, else `undefined`. */
export const str = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;
