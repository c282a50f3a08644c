/**
 * An ALB target group with multi-value headers on reads only `multiValueHeaders` from a
 * result: anything in `headers` is dropped. Middlewares that only know `headers`
 * (`@middy/http-cors`, `@middy/http-security-headers`) and the Router's converter (which
 * splits some headers into each map) would lose headers there; the outermost door folds them.
 */
import { eventSourceOf, usesMultiValueHeaders } from './event-source.js';
import { isRecord } from './read.js';

const hasName = (names: Record<string, unknown>, name: string): boolean => {
  const lower = name.toLowerCase();
  for (const key in names) if (key.toLowerCase() === lower) return true;
  return false;
};

/**
 * `result` with every header in `multiValueHeaders` and no `headers`, when `event` is an ALB
 * request that used multi-value headers; `result` itself otherwise (and when it has no
 * `headers`). A name in both maps keeps its `multiValueHeaders` values. The result is copied,
 * never changed in place.
 *
 * @param result - a Lambda result (anything; non-records are returned as they are).
 * @param event - the request event.
 * @returns the result as ALB will read it.
 */
export const foldAlbHeaders = <T>(result: T, event: unknown): T => {
  if (!isRecord(result) || !isRecord(result.headers)) return result;
  if (eventSourceOf(event) !== 'alb' || !usesMultiValueHeaders(event)) return result;
  const { headers, multiValueHeaders, ...rest } = result as Record<string, unknown>;
  const multi: Record<string, unknown[]> = isRecord(multiValueHeaders)
    ? { ...(multiValueHeaders as Record<string, unknown[]>) }
    : {};
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    if (value !== undefined && !hasName(multi, name)) multi[name] = [value];
  }
  return { ...rest, multiValueHeaders: multi } as T;
};
