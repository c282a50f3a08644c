/**
 * The grouping key of a failure: a short stable hash of what kind of error it is, where it was
 * thrown and what its message says once its variable parts are replaced (docs/fingerprint.md).
 * The same failure gets the same fingerprint across invocations, cold starts and rebuilt
 * bundles; a different throw site, kind or status gets another. Computed from the redacted
 * description, so no secret reaches the hash's input.
 */
import { createHash } from 'node:crypto';
import type { DescribedError } from './describe-error.js';
import { boundedMemo, type Memo } from './memo.js';
import { messageTemplate } from './message-template.js';
import { cap, read, safeString } from './read.js';
import { throwSite } from './stack-frames.js';

/**
 * The recipe's version, logged beside each fingerprint: a new recipe re-splits the groups.
 * @example
 * ```ts
 * if (line.fingerprintVersion !== FINGERPRINT_VERSION) regroup(line); // an older recipe's groups
 * ```
 */
export const FINGERPRINT_VERSION = 1;

/**
 * Stands for the default recipe's inputs inside a custom fingerprint array (as in Sentry).
 * @example
 * ```ts
 * fingerprint: (error) => (error instanceof DbError ? [DEFAULT_FINGERPRINT, error.table] : undefined)
 * ```
 */
export const DEFAULT_FINGERPRINT = '{{ default }}';

/**
 * What a user's `fingerprint` option or an error's own `fingerprint` property may be.
 * @example
 * ```ts
 * throw Object.assign(new Error('card declined'), { fingerprint: ['payments', 'declined'] });
 * ```
 */
export type CustomFingerprint = string | readonly string[];

const MAX_PARTS = 32;
const MAX_PART_CHARS = 1_024;
const MAX_CAUSES = 8;

/** SHA-256 of the parts, cut to 16 hex characters (64 bits: collisions need ~4 billion groups). */
const digest = (input: string): string =>
  createHash('sha256').update(input).digest('hex').slice(0, 16);

/** Longest hash input remembered; the default recipe's inputs are far shorter. */
const MAX_REMEMBERED_INPUT = 4_096;
const MAX_REMEMBERED = 128;

/**
 * What one core remembers between failures, bounded: throw sites by frames text, fingerprints
 * by their hash's input. A failure repeats both under error after error.
 */
export interface FingerprintMemo {
  site: Memo<readonly string[]>;
  fingerprint: Memo<string>;
}

/**
 * A core's empty memo: each core keeps its own, so no state is shared between handlers.
 *
 * @returns memos of 128 entries each.
 */
export const fingerprintMemo = (): FingerprintMemo => ({
  site: boundedMemo(MAX_REMEMBERED),
  fingerprint: boundedMemo(MAX_REMEMBERED),
});

const hashOf = (parts: readonly string[], memo: FingerprintMemo | undefined): string => {
  const input = parts.join('\u0000');
  return memo === undefined || input.length > MAX_REMEMBERED_INPUT
    ? digest(input)
    : memo.fingerprint(input, () => digest(input));
};

const causeNames = (error: DescribedError): string => {
  const names: string[] = [];
  for (let cause = error.cause; cause !== undefined && names.length < MAX_CAUSES; ) {
    names.push(cause.name);
    cause = cause.cause;
  }
  return names.join('>');
};

/**
 * The default recipe's inputs, each labelled: the kind (class name, string `code`, answered
 * status and code, the names along the `cause` chain), the throw site, the message template.
 */
export const fingerprintParts = (
  error: DescribedError,
  answer: { status: number; code: string },
  root: string,
  memo?: FingerprintMemo,
): string[] => [
  `name=${error.name}`,
  `code=${error.code ?? ''}`,
  `status=${answer.status}`,
  `answer=${answer.code}`,
  `causes=${causeNames(error)}`,
  `site=${error.stack === undefined ? '' : throwSite(error.stack, root, memo?.site).join('|')}`,
  `message=${messageTemplate(error.message)}`,
];

/** `value` as a list of parts, or the reason it is not a valid custom fingerprint. */
const customParts = (value: unknown): string[] | string => {
  const list: unknown[] = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  if (list.length === 0 || list.length > MAX_PARTS) {
    return `must be a non-empty string or an array of 1 to ${MAX_PARTS} strings`;
  }
  const parts: string[] = [];
  for (const part of list) {
    if (typeof part !== 'string' || part.length === 0)
      return 'every part must be a non-empty string';
    parts.push(cap(part, MAX_PART_CHARS));
  }
  return parts;
};

/** Where a fingerprint's value came from, and what it is. */
export interface Fingerprinted {
  fingerprint: string;
  /** Set when a custom fingerprint was refused (it then falls back to the default recipe). */
  problem?: string;
}

/** What the fingerprint is computed from. */
export interface FingerprintInput {
  thrown: unknown;
  event: unknown;
  /** The redacted description of `thrown`. */
  error: DescribedError;
  status: number;
  code: string;
  /** The project root or bundle directory stack paths are relative to. */
  root: string;
  /** The user's `fingerprint` option. */
  custom?: ((error: unknown, event: unknown) => CustomFingerprint | undefined) | undefined;
  /** The core's memo; without one, nothing is remembered. */
  memo?: FingerprintMemo;
}

const expand = (parts: readonly string[], defaults: () => string[]): string[] =>
  parts.flatMap((part) => (part === DEFAULT_FINGERPRINT ? defaults() : [`custom=${part}`]));

/**
 * The failure's fingerprint: the `fingerprint` option's answer, else the thrown error's own
 * `fingerprint` property, else the default recipe. Never throws: an option that throws or
 * answers something else falls back, with the reason in `problem`.
 */
export const fingerprintOf = (input: FingerprintInput): Fingerprinted => {
  const defaults = () =>
    fingerprintParts(
      input.error,
      { status: input.status, code: input.code },
      input.root,
      input.memo,
    );
  let problem: string | undefined;
  if (input.custom !== undefined) {
    try {
      const value = input.custom(input.thrown, input.event);
      if (value !== undefined) {
        const parts = customParts(value);
        if (typeof parts !== 'string')
          return { fingerprint: hashOf(expand(parts, defaults), input.memo) };
        problem = `fingerprint option: ${parts}`;
      }
    } catch (optionError) {
      problem = `fingerprint option threw: ${cap(safeString(read(optionError, 'message') ?? optionError), 200)}`;
    }
  }
  const own = read(input.thrown, 'fingerprint');
  if (own !== undefined) {
    const parts = customParts(own);
    if (typeof parts !== 'string') {
      return {
        fingerprint: hashOf(expand(parts, defaults), input.memo),
        ...(problem ? { problem } : {}),
      };
    }
    problem ??= `the error's fingerprint property: ${parts}`;
  }
  return { fingerprint: hashOf(defaults(), input.memo), ...(problem ? { problem } : {}) };
};

/** The directory stack paths are made relative to: Lambda's task root, else the working one. */
export const projectRoot = (env: NodeJS.ProcessEnv = process.env): string => {
  const taskRoot = env.LAMBDA_TASK_ROOT;
  if (typeof taskRoot === 'string' && taskRoot.length > 0) return taskRoot;
  try {
    return process.cwd();
  } catch {
    return '';
  }
};
