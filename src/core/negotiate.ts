/**
 * RFC 9110 §12.5.1 content negotiation between the two bodies an error can have: the JSON
 * contract and RFC 9457 `application/problem+json`. `Accept` is client input, so parsing is
 * bounded (the first {@link MAX_ACCEPT_CHARS} characters, {@link MAX_MEDIA_RANGES} ranges) and
 * linear: plain string splits, no regular expression over the header.
 */

/** Response body format: the JSON contract, or RFC 9457 problem details. */
export type BodyFormat = 'json' | 'problem';

/** Characters of `Accept` read; browsers send under 200, the rest is not worth parsing. */
export const MAX_ACCEPT_CHARS = 4_096;
/** Media ranges of `Accept` read. */
export const MAX_MEDIA_RANGES = 64;

const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/** How specifically a range matches a type: exact 3, `type/*` 2, `*\/*` 1, no match 0. */
const specificity = (range: string, type: string, subtype: string): number => {
  if (range === '*/*') return 1;
  const slash = range.indexOf('/');
  if (slash <= 0 || range.slice(0, slash) !== type) return 0;
  const sub = range.slice(slash + 1);
  if (sub === '*') return 2;
  return sub === subtype ? 3 : 0;
};

/** The weight of one media range; `undefined` when its `q` is not an RFC 9110 qvalue. */
const weight = (params: string[]): number | undefined => {
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'q') continue;
    const value = param.slice(eq + 1).trim();
    // The first `q` ends the media type's parameters (what follows is accept-ext).
    return QVALUE.test(value) ? Number(value) : undefined;
  }
  return 1;
};

/**
 * The quality `accept` gives `application/json` and `application/problem+json`, each from its
 * most specific matching range (RFC 9110 §12.5.1); 0 when no range matches. Media-type
 * parameters other than `q` do not change the match: both bodies are UTF-8 JSON.
 */
const qualities = (accept: string): { json: number; problem: number } => {
  const best = { json: [0, 0], problem: [0, 0] };
  const ranges = accept.slice(0, MAX_ACCEPT_CHARS).split(',', MAX_MEDIA_RANGES);
  for (const part of ranges) {
    const [rawRange = '', ...params] = part.split(';');
    const range = rawRange.trim().toLowerCase();
    if (range === '') continue;
    const q = weight(params);
    if (q === undefined) continue;
    for (const [key, subtype] of [
      ['json', 'json'],
      ['problem', 'problem+json'],
    ] as const) {
      const level = specificity(range, 'application', subtype);
      const current = best[key];
      // More specific wins; at the same specificity the client's highest weight counts.
      if (
        level > (current[0] as number) ||
        (level === current[0] && level > 0 && q > (current[1] as number))
      ) {
        best[key] = [level, q];
      }
    }
  }
  return { json: best.json[1] as number, problem: best.problem[1] as number };
};

/**
 * `problem` when the client's `Accept` gives `application/problem+json` a non-zero quality
 * strictly above `application/json`'s; the JSON contract otherwise: for a tie (`*\/*`,
 * `application/*`), a missing or unreadable header, or a client that accepts neither (an error
 * is answered anyway, never with 406).
 *
 * @param accept - the request's `Accept` header value (anything else reads as absent).
 * @returns the body format to answer with.
 * @example
 * negotiateFormat('application/problem+json;q=0.5, *\/*'); // 'json'
 * negotiateFormat('Application/Problem+JSON'); // 'problem'
 */
export const negotiateFormat = (accept: unknown): BodyFormat => {
  // Without parameters every range weighs 1, and only an exact problem+json range can win.
  if (typeof accept !== 'string') return 'json';
  if (!accept.includes(';') && !/problem/i.test(accept.slice(0, MAX_ACCEPT_CHARS))) return 'json';
  const { json, problem } = qualities(accept);
  return problem > 0 && problem > json ? 'problem' : 'json';
};
