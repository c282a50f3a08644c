/** The CLI's aligned tables: `errors` and `errors --group` print their rows the same way. */

/**
 * Rows padded into columns two spaces apart, trailing spaces trimmed.
 *
 * @param rows - the header row first, then one row of cells per entry (already escaped).
 * @returns one printed line per row.
 */
export const alignRows = (rows: readonly (readonly string[])[]): string[] => {
  const widths = (rows[0] ?? []).map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
};
