import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null;

export interface FormatCsvOptions {
  /**
   * Prefix text cells that start with = + - @ (or a tab/CR) with an apostrophe, so a spreadsheet
   * shows them instead of running them as formulas (CSV injection). Numbers are left alone.
   */
  neutralizeFormulas?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * csv-stringify quotes a delimiter, a quote and its record delimiter (CRLF); a lone line break or
 * edge whitespace would otherwise be lost or trimmed by the spreadsheet, so those are quoted too.
 */
const ALSO_QUOTE = /[\r\n]|^\s|\s$/;

function neutralized(cell: CsvCell): CsvCell {
  return typeof cell === 'string' && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180 text by csv-stringify: CRLF after every record, fields quoted only when they need it. */
export function formatCsv(rows: readonly (readonly CsvCell[])[], options: FormatCsvOptions = {}): string {
  const input = options.neutralizeFormulas ? rows.map((row) => row.map(neutralized)) : rows.map((row) => [...row]);
  return stringify(input, {
    record_delimiter: '\r\n',
    quoted_match: ALSO_QUOTE,
    cast: { number: (n) => (Number.isFinite(n) ? String(n) : '') },
  });
}
