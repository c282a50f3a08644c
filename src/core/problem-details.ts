/**
 * RFC 9457 problem details, an opt-in body format: clients whose `Accept` prefers
 * `application/problem+json` get the contract's facts in that shape. Only a handler that passes
 * `problemDetails()` bundles it and the `Accept` parser.
 */

import { negotiateFormat } from './negotiate.js';
import { isUuid } from './patterns.js';
import { type ErrorBodyFormat, type ErrorResponseBody, reasonPhrase } from './respond.js';

/**
 * An RFC 9457 problem document, with the contract's fields as extension members.
 * @example
 * ```ts
 * const problem: ProblemDetailsBody = await response.json(); // when Content-Type is application/problem+json
 * ```
 */
export interface ProblemDetailsBody extends Omit<ErrorResponseBody, 'message'> {
  /** Always `about:blank`: the status says it all. */
  type: 'about:blank';
  /** The status's reason phrase (`Internal Server Error`). */
  title: string;
  /** The HTTP status. */
  status: number;
  /** The client message (the contract's `message`). */
  detail: string;
  /** `urn:uuid:<requestId>`, when there is a request id. */
  instance?: string;
}

const PROBLEM_FORMAT: ErrorBodyFormat = {
  contentType: 'application/problem+json',
  preferredBy: (accept) => negotiateFormat(accept) === 'problem',
  body: (status, contract): ProblemDetailsBody => {
    const { message, ...extensions } = contract;
    const problem: ProblemDetailsBody = {
      type: 'about:blank',
      title: reasonPhrase(status),
      status,
      detail: message,
      ...extensions,
    };
    if (isUuid(contract.requestId)) problem.instance = `urn:uuid:${contract.requestId}`;
    return problem;
  },
};

/**
 * RFC 9457 `application/problem+json` answers for the clients that prefer them: those whose
 * `Accept` gives it a quality strictly above `application/json` (RFC 9110 §12.5.1; a tie, a
 * missing header or one that accepts neither gets the JSON contract, never a 406).
 *
 * @returns the body format for the `problemDetails` option of every door.
 * @example
 * ```ts
 * import { problemDetails } from 'lambda-error-normalizer/problem-details';
 *
 * export const handler = middy(lambdaHandler).use(
 *   errorNormalizer({ logger, problemDetails: problemDetails() }),
 * );
 * ```
 */
export const problemDetails = (): ErrorBodyFormat => PROBLEM_FORMAT;
