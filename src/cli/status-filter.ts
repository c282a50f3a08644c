/**
 * `--status`: which answered statuses a listing keeps. `500`, `5xx`, `4xx`, or a comma list of
 * them (`502,503,429`). Parsed into ranges of whole numbers, so a Logs Insights clause built
 * from it can only ever hold digits.
 */

/** Inclusive ranges of statuses. */
export type StatusFilter = readonly (readonly [number, number])[];

/** The filter of `text`, or `undefined` when it is not one. */
export const parseStatusFilter = (text: string): StatusFilter | undefined => {
  const ranges: [number, number][] = [];
  for (const part of text.split(',')) {
    const item = part.trim().toLowerCase();
    const match = /^([45])xx$/.exec(item);
    if (match !== null) {
      const base = Number(match[1]) * 100;
      ranges.push([base, base + 99]);
    } else if (/^[45]\d\d$/.test(item)) {
      ranges.push([Number(item), Number(item)]);
    } else {
      return undefined;
    }
  }
  return ranges;
};

/** Whether `status` passes the filter (no filter: every status). */
export const statusMatches = (filter: StatusFilter | undefined, status: number): boolean =>
  filter === undefined || filter.some(([low, high]) => status >= low && status <= high);

/** The filter as a Logs Insights condition, e.g. `(status >= 500 and status <= 599)`. */
export const statusClause = (filter: StatusFilter): string =>
  `(${filter.map(([low, high]) => (low === high ? `status = ${low}` : `(status >= ${low} and status <= ${high})`)).join(' or ')})`;
