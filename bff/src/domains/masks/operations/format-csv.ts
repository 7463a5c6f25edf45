export type CsvCell = string | number | null;

export interface FormatCsvOptions {
  /**
   * Prefix text cells that start with = + - @ (or a tab/CR) with an apostrophe, so a spreadsheet
   * shows them instead of running them as formulas (CSV injection). Numbers are left alone.
   */
  neutralizeFormulas?: boolean;
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
const FORMULA_START = /^[=+\-@\t\r]/;

function formatCell(cell: CsvCell, options: FormatCsvOptions): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = options.neutralizeFormulas && FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 text: CRLF after every record, fields quoted only when they need it. */
export function formatCsv(rows: readonly (readonly CsvCell[])[], options: FormatCsvOptions = {}): string {
  return rows.map((row) => `${row.map((c) => formatCell(c, options)).join(',')}\r\n`).join('');
}
