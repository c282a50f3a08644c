/**
 * The Router's own logger, redacted. The event-handler `Router` writes what a route threw before
 * any error handler runs (`There was an error processing the request: ${error}` at DEBUG, to
 * `console.debug` when `AWS_LAMBDA_LOG_LEVEL=DEBUG` or to the `logger` it was given): the raw
 * message, secret and all. Given to the Router as its `logger`, this writes the same lines
 * through the handler's logger with every text redacted.
 */
import { isError, read, safeString } from '../core/read.js';
import type { Complain } from '../report/complain.js';

/**
 * A logger in the shape the Powertools Router takes (`new Router({ logger })`).
 * @example
 * ```ts
 * const errors = routerErrorHandler({ logger });
 * const app = new Router({ logger: errors.logger }); // a RouterLogger
 * ```
 */
export interface RouterLogger {
  /**
   * Writes a TRACE line, when the logger has that level.
   * @param content - The line's parts, as the Router gives them.
   */
  trace(...content: unknown[]): void;
  /**
   * Writes a DEBUG line.
   * @param content - The line's parts, as the Router gives them.
   */
  debug(...content: unknown[]): void;
  /**
   * Writes an INFO line.
   * @param content - The line's parts, as the Router gives them.
   */
  info(...content: unknown[]): void;
  /**
   * Writes a WARN line.
   * @param content - The line's parts, as the Router gives them.
   */
  warn(...content: unknown[]): void;
  /**
   * Writes an ERROR line.
   * @param content - The line's parts, as the Router gives them.
   */
  error(...content: unknown[]): void;
}

type Level = keyof RouterLogger;

/**
 * A {@link RouterLogger} writing through `logger` (a level it lacks is not written). Texts are
 * redacted, and an `Error` becomes its redacted `Name: message` text, so that neither the
 * message nor the fields of what a route threw reach the line unredacted; other values (the
 * Router gives none) pass as they are. A logger that throws is said once on stderr: the
 * Router's answer must not depend on its debug line.
 * @param logger - The handler's logger (a Powertools Logger, or any object with these methods).
 * @param redact - The handler's redaction of a text.
 * @param complain - The handler's record of its own trouble.
 * @returns The logger to give the Router.
 */
export const redactingRouterLogger = (
  logger: object,
  redact: (text: string) => string,
  complain: Complain,
): RouterLogger => {
  const clean = (part: unknown): unknown =>
    typeof part === 'string' ? redact(part) : isError(part) ? redact(safeString(part)) : part;
  const level =
    (name: Level) =>
    (...content: unknown[]): void => {
      const write = read(logger, name);
      if (typeof write !== 'function') return;
      try {
        write.apply(logger, content.map(clean));
      } catch (error) {
        complain('Router logger failed', error);
      }
    };
  return {
    trace: level('trace'),
    debug: level('debug'),
    info: level('info'),
    warn: level('warn'),
    error: level('error'),
  };
};
