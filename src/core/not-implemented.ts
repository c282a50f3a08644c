/** How a handler says "not built": a 501 `not_implemented` answer. */

/**
 * Options of {@link NotImplementedError}.
 * @example
 * ```ts
 * throw new NotImplementedError('Bulk export is not built yet', { expose: true, cause: err });
 * ```
 */
export interface NotImplementedErrorOptions extends ErrorOptions {
  /**
   * Send this error's message to the client instead of the generic one.
   * @default false
   */
  expose?: boolean;
}

/**
 * Thrown by a handler for what it does not support (a method, a feature, a route not built yet):
 * answered 501 `not_implemented`, with the generic message unless `expose: true`.
 *
 * @example
 * ```ts
 * if (event.httpMethod === 'PATCH') throw new NotImplementedError('PATCH is not supported yet');
 * ```
 */
export class NotImplementedError extends Error {
  /** Always `NotImplementedError`. */
  override name = 'NotImplementedError';
  /** Read by the `http-errors` convention (`httpErrorRule`), so any rule table keeps the 501. */
  readonly statusCode = 501;
  /** Whether the message is shown to the client (`expose` option; default `false`). */
  readonly expose: boolean;

  constructor(message = 'Not implemented', options: NotImplementedErrorOptions = {}) {
    const { expose = false, ...errorOptions } = options;
    super(message, errorOptions);
    this.expose = expose;
  }
}
