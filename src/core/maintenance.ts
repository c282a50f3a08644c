/**
 * Planned maintenance, an opt-in feature (`lambda-error-normalizer/maintenance`): an end time
 * read once when the function starts, from the argument or the environment, and a 503 answer
 * for every HTTP request until then. Handlers that do not pass it bundle none of this.
 */

import { MAX_RETRY_AFTER_SECONDS } from './classify.js';

/**
 * The environment variable that opens a maintenance window without a code change.
 * @example
 * ```ts
 * process.env[MAINTENANCE_ENV] = '2026-11-29T06:00:00Z'; // read by the next maintenance() call
 * ```
 */
export const MAINTENANCE_ENV = 'LAMBDA_ERROR_NORMALIZER_MAINTENANCE';

/**
 * A maintenance window that is open now.
 * @example
 * ```ts
 * const open = maintenance('15m').open(); // { until, secondsLeft: 900, message }
 * ```
 */
export interface OpenMaintenance {
  /** When it ends. */
  until: Date;
  /** Whole seconds until the end: at least 1, at most a day (the answer's `Retry-After`). */
  secondsLeft: number;
  /** What the client reads. */
  message: string;
}

/**
 * Planned maintenance, as the `maintenance` option of `errorNormalizer` and
 * `withErrorNormalizer` takes it: built by {@link maintenance}.
 * @example
 * ```ts
 * const window: MaintenanceWindow = maintenance(); // closed while the variable is unset
 * ```
 */
export interface MaintenanceWindow {
  /** The end the window was given, or `undefined` when none was (never opens). */
  readonly until: Date | undefined;
  /** @returns the window while it is open, else `undefined` (requests run as usual). */
  open(): OpenMaintenance | undefined;
}

const DURATION = /^(\d{1,7})(s|m|h)$/;
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const;
/** An ISO 8601 date-time with an explicit offset: a zoneless time would depend on the host's TZ. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** `Date` rolls 2026-02-30 over to March 2 instead of refusing it; a typo must not move the end. */
const isCalendarDay = (text: string): boolean => {
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  return day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
};

const parse = (value: string | Date, where: string): Date => {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`${where} is an invalid Date`);
    return value;
  }
  const text = value.trim();
  const duration = DURATION.exec(text);
  if (duration !== null) {
    const unit = duration[2] as keyof typeof UNIT_MS;
    return new Date(Date.now() + Number(duration[1]) * UNIT_MS[unit]);
  }
  const end = ISO_WITH_OFFSET.test(text) ? new Date(text) : undefined;
  if (end === undefined || Number.isNaN(end.getTime()) || !isCalendarDay(text)) {
    throw new TypeError(
      `${where} must be an ISO 8601 end time with an offset (2026-11-29T06:00:00Z) or a duration (90s, 15m, 2h), got ${JSON.stringify(text.slice(0, 64))}`,
    );
  }
  return end;
};

const openUntil = (until: Date): MaintenanceWindow => {
  const end = until.getTime();
  const message = `The service is down for planned maintenance until ${until.toISOString()}. Retry later.`;
  return {
    until,
    open: () => {
      const left = end - Date.now();
      if (left <= 0) return undefined;
      // A window days away still answers a bounded Retry-After (see MAX_RETRY_AFTER_SECONDS).
      const secondsLeft = Math.min(Math.max(1, Math.ceil(left / 1_000)), MAX_RETRY_AFTER_SECONDS);
      return { until, secondsLeft, message };
    },
  };
};

/**
 * A maintenance window: while it is open, every HTTP request is answered 503 with `Retry-After`
 * before the handler runs (logged at WARN), and events that are not HTTP requests run as usual.
 * The end is read once, here: from `until`, else from the `LAMBDA_ERROR_NORMALIZER_MAINTENANCE`
 * environment variable (same syntax; blank is off). Changing a deployed function's environment
 * starts new execution environments, so switching the window on or off needs no redeploy. An
 * end in the past is a window that is simply over.
 *
 * @param until - an ISO 8601 end time with its offset (`2026-11-29T06:00:00Z`), a `Date`, or a
 *   duration from now (`90s`, `15m`, `2h`).
 * @default the `LAMBDA_ERROR_NORMALIZER_MAINTENANCE` environment variable
 * @returns the window for the `maintenance` option.
 * @throws TypeError when `until` or the variable is malformed, so the cold start fails with a
 *   message instead of answering a 500 to every request.
 * @example
 * ```ts
 * import { maintenance } from 'lambda-error-normalizer/maintenance';
 *
 * export const handler = middy(lambdaHandler).use(
 *   errorNormalizer({ logger, maintenance: maintenance() }),
 * );
 * ```
 */
export const maintenance = (until?: string | Date): MaintenanceWindow => {
  let end: Date | undefined;
  if (until !== undefined) {
    if (typeof until !== 'string' && !(until instanceof Date)) {
      throw new TypeError(
        `maintenance(): the end must be an ISO 8601 end time, a Date or a duration (15m), got ${until === null ? 'null' : typeof until}`,
      );
    }
    end = parse(until, 'maintenance(): the end');
  } else {
    const env = process.env[MAINTENANCE_ENV];
    if (env !== undefined && env.trim() !== '')
      end = parse(env, `maintenance(): ${MAINTENANCE_ENV}`);
  }
  return end === undefined ? { until: undefined, open: () => undefined } : openUntil(end);
};
