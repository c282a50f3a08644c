/**
 * Planned maintenance: an end time read once when the function starts, from the option or from
 * the `LAMBDA_ERROR_NORMALIZER_MAINTENANCE` environment variable. Changing a deployed function's
 * environment starts new execution environments, so switching the window on or off needs no
 * redeploy and no per-request read. A malformed value fails the cold start with a clear
 * message instead of answering a 500 to every request.
 */

import { MAX_RETRY_AFTER_SECONDS } from './classify.js';

/** The environment variable that opens a maintenance window without a code change. */
export const MAINTENANCE_ENV = 'LAMBDA_ERROR_NORMALIZER_MAINTENANCE';

/** An open or future maintenance window. */
export interface MaintenanceWindow {
  until: Date;
  /** What the client reads. */
  message: string;
  /**
   * Whole seconds until the end (at least 1, at most a day) while the window is open; else
   * `undefined`.
   */
  secondsLeft(): number | undefined;
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

const parse = (value: string | Date, where: string, door: string): Date => {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`${door}: ${where} is an invalid Date`);
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
      `${door}: ${where} must be an ISO 8601 end time with an offset (2026-11-29T06:00:00Z) or a duration (90s, 15m, 2h), got ${JSON.stringify(text.slice(0, 64))}`,
    );
  }
  return end;
};

/**
 * The configured window, or `undefined` when none is set. An end in the past is a window
 * that is simply over: requests run as usual.
 */
export const maintenanceWindow = (
  option: string | Date | false | undefined,
  door: string,
): MaintenanceWindow | undefined => {
  if (option === false) return undefined;
  const env = process.env[MAINTENANCE_ENV];
  let until: Date;
  if (option !== undefined) until = parse(option, '"maintenance"', door);
  else if (env !== undefined && env.trim() !== '') until = parse(env, MAINTENANCE_ENV, door);
  else return undefined;
  const end = until.getTime();
  return {
    until,
    message: `The service is down for planned maintenance until ${until.toISOString()}. Retry later.`,
    secondsLeft: () => {
      const left = end - Date.now();
      // A window days away still answers a bounded Retry-After (see MAX_RETRY_AFTER_SECONDS).
      return left > 0
        ? Math.min(Math.max(1, Math.ceil(left / 1_000)), MAX_RETRY_AFTER_SECONDS)
        : undefined;
    },
  };
};
