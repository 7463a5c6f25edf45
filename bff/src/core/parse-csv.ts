import { CsvError, parse } from 'csv-parse/sync';

export interface CsvRecord {
  /** 1-based line of the file on which the record starts. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    /** What is wrong, without the line (for a row error that carries the line itself). */
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'CsvSyntaxError';
  }
}

/** csv-parse's codes for broken quoting, in words an operator fixing the file can act on. */
const MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is not closed',
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted field (quote the whole field and double the quote)',
  CSV_INVALID_CLOSING_QUOTE: 'text after a closing quote',
};

/**
 * RFC 4180 CSV read by csv-parse: fields separated by commas, records by CRLF or LF; a field in
 * double quotes may hold commas, line breaks and doubled quotes (""). A leading UTF-8 BOM (Excel's
 * "CSV UTF-8") is dropped and empty lines are skipped. Fields are returned verbatim (no trimming),
 * so the caller decides what whitespace means. Broken quoting throws CsvSyntaxError: everything
 * after it would be misread.
 */
export function parseCsv(text: string): CsvRecord[] {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    const options = { bom: true, skip_empty_lines: true, relax_column_count: true, info: true, record_delimiter: ['\r\n', '\n'] };
    parsed = parse(text, options) as unknown as typeof parsed;
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const line = (err as CsvError & { lines?: number }).lines ?? 1;
    throw new CsvSyntaxError(line, MESSAGES[err.code] ?? err.message);
  }
  return numbered(parsed);
}

/**
 * The line each record starts on. csv-parse counts `lines` up to a record's end, and counts a CRLF
 * inside a quoted field twice (from then on); a record spanning lines started as many lines before
 * its end as its fields hold line breaks.
 */
function numbered(parsed: { record: string[]; info: { lines: number } }[]): CsvRecord[] {
  let overcount = 0;
  return parsed.map(({ record, info }) => {
    const inside = record.join('');
    overcount += count(inside, '\r\n');
    return { line: info.lines - overcount - count(inside, '\n'), fields: record };
  });
}

function count(text: string, what: string): number {
  return text.split(what).length - 1;
}

/** An import file's rows, or the one line whose broken quoting makes everything after it unreadable. */
export type ImportRows = { ok: true; rows: CsvRecord[] } | { ok: false; line: number; reason: string };

/**
 * The rows of an import file (halls, health lists, venues): parseCsv, then every field trimmed and
 * rows whose cells are all blank dropped, so a stray line of spaces or commas is no row. Quoted
 * cells may hold commas, line breaks and doubled quotes; each row keeps the line it starts on.
 */
export function importRows(text: string): ImportRows {
  try {
    const rows = parseCsv(text)
      .map((r) => ({ line: r.line, fields: r.fields.map((f) => f.trim()) }))
      .filter((r) => r.fields.some((f) => f !== ''));
    return { ok: true, rows };
  } catch (err) {
    if (err instanceof CsvSyntaxError) return { ok: false, line: err.line, reason: err.reason };
    throw err;
  }
}
