/**
 * An ALB target group reads one header map of a result: with multi-value headers on, only
 * `multiValueHeaders`; off, only `headers`. Middlewares that only know `headers`
 * (`@middy/http-cors`, `@middy/http-security-headers`) and the Router's converter (which splits
 * `access-control-*` lists into `multiValueHeaders` whatever the request used) would lose
 * headers there; the outermost door folds them into the map the target group reads.
 */
import { eventSourceOf, usesMultiValueHeaders } from './event-source.js';
import { isRecord } from './read.js';

const hasName = (names: Record<string, unknown>, name: string): boolean => {
  const lower = name.toLowerCase();
  for (const key in names) if (key.toLowerCase() === lower) return true;
  return false;
};

/**
 * `result` with every header in the one map the ALB target group of `event` reads: all in
 * `multiValueHeaders` when the request used multi-value headers, else all in `headers` (a
 * list's values joined with `, `, of several cookies the last; a name in both keeps its
 * `headers` value). `result` itself
 * for other events and results without the other map. The result is copied, never changed in
 * place.
 *
 * @param result - a Lambda result (anything; non-records are returned as they are).
 * @param event - the request event.
 * @returns the result as ALB will read it.
 */
export const foldAlbHeaders = <T>(result: T, event: unknown): T => {
  if (!isRecord(result) || eventSourceOf(event) !== 'alb') return result;
  const { headers, multiValueHeaders, ...rest } = result as Record<string, unknown>;
  if (usesMultiValueHeaders(event)) {
    if (!isRecord(headers)) return result;
    const multi: Record<string, unknown[]> = isRecord(multiValueHeaders)
      ? { ...(multiValueHeaders as Record<string, unknown[]>) }
      : {};
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined && !hasName(multi, name)) multi[name] = [value];
    }
    return { ...rest, multiValueHeaders: multi } as T;
  }
  if (!isRecord(multiValueHeaders)) return result;
  const single: Record<string, unknown> = isRecord(headers) ? { ...headers } : {};
  for (const [name, values] of Object.entries(multiValueHeaders)) {
    if (hasName(single, name) || !Array.isArray(values) || values.length === 0) continue;
    // Cookies cannot share one header (their dates hold commas): one map holds only the last.
    single[name] =
      name.toLowerCase() === 'set-cookie' ? values[values.length - 1] : values.join(', ');
  }
  return { ...rest, headers: single } as T;
};
