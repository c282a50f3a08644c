/**
 * The reporters' own trouble. Reporting must never be the reason a request goes unanswered, so
 * every reporter guards its calls out and says what went wrong here: on stderr, once per kind
 * (a broken logger must not double every error's cost, nor flood the logs). Each core keeps
 * its own record of what it said, so no state is shared between handlers.
 */

export const FACILITY = 'lambda-error-normalizer';

/**
 * Writes the middleware's own trouble to stderr, once per `what`. Never throws.
 * @param what - the kind of trouble, e.g. `logger failed`.
 * @param cause - what was thrown; its message is printed.
 */
export type Complain = (what: string, cause: unknown) => void;

/**
 * A fresh {@link Complain}: it says each kind of trouble once, however often it recurs.
 *
 * @returns the function the reporters of one core share.
 */
export const complainer = (): Complain => {
  const said = new Set<string>();
  return (what, cause) => {
    if (said.has(what)) return;
    said.add(what);
    try {
      const reason = cause instanceof Error ? cause.message : String(cause);
      process.stderr.write(`[${FACILITY}] ${what}: ${reason}\n`);
    } catch {
      // stderr itself is gone: there is nobody left to tell.
    }
  };
};
