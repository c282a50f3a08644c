/**
 * The reporters' own trouble. Reporting must never be the reason a request goes unanswered, so
 * every reporter guards its calls out and says what went wrong here: on stderr, once per kind
 * per process (a broken logger must not double every error's cost, nor flood the logs).
 */

export const FACILITY = 'lambda-error-normalizer';
const complained = new Set<string>();

/** Writes the middleware's own trouble to stderr, once per kind per process. */
export const complain = (what: string, cause: unknown): void => {
  if (complained.has(what)) return;
  complained.add(what);
  try {
    const reason = cause instanceof Error ? cause.message : String(cause);
    process.stderr.write(`[${FACILITY}] ${what}: ${reason}\n`);
  } catch {
    // stderr itself is gone: there is nobody left to tell.
  }
};
