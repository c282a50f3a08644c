/**
 * Reading values nobody vouches for. Thrown values and events are hostile by nature: getters
 * that throw, proxies, megabyte strings. Every module that reads one uses these, so that a
 * property read can never throw and a string can never grow without bound.
 */

/** Whether `value` is a non-null object (arrays included). */
export const isObject = (value: unknown): value is object =>
  typeof value === 'object' && value !== null;

/** Whether `value` is a plain record: a non-null object that is not an array. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  isObject(value) && !Array.isArray(value);

/** Reads a property without letting a throwing getter or proxy trap escape. */
export const read = (value: unknown, key: PropertyKey): unknown => {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
    return undefined;
  }
  try {
    return (value as Record<PropertyKey, unknown>)[key];
  } catch {
    return undefined;
  }
};

/** Cuts a string to `max` characters, saying how much was cut. */
export const cap = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max)}… [${text.length - max} more characters]`;

/** `String(value)` that survives a throwing `toString` or `Symbol.toPrimitive`. */
export const safeString = (value: unknown): string => {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
};

/** `value instanceof Error` that survives a proxy whose `getPrototypeOf` trap throws. */
export const isError = (value: unknown): value is Error => {
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
};
