export interface CsvRecord {
  /** 1-based line of the file on which the record starts. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF or LF; a field in double quotes may
 * hold commas, line breaks and doubled quotes (""). A leading UTF-8 BOM (Excel's "CSV UTF-8")
 * is dropped and empty lines are skipped. Fields are returned verbatim (no trimming), so the
 * caller decides what whitespace means. Broken quoting throws CsvSyntaxError: everything after
 * it would be misread.
 */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < src.length) {
    const start = line;
    const fields: string[] = [];
    let quoted = false;
    for (;;) {
      let field = '';
      if (src[i] === '"') {
        quoted = true;
        i += 1;
        for (;;) {
          if (i >= src.length) throw new CsvSyntaxError(start, 'a quoted field is not closed');
          const c = src[i];
          if (c === '"' && src[i + 1] === '"') {
            field += '"';
            i += 2;
          } else if (c === '"') {
            i += 1;
            break;
          } else {
            if (c === '\n') line += 1;
            field += c;
            i += 1;
          }
        }
        if (i < src.length && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') throw new CsvSyntaxError(line, 'text after a closing quote');
      } else {
        while (i < src.length && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') {
          if (src[i] === '"') throw new CsvSyntaxError(line, 'a quote inside an unquoted field (quote the whole field and double the quote)');
          field += src[i];
          i += 1;
        }
      }
      fields.push(field);
      if (src[i] === ',') {
        i += 1;
        continue;
      }
      break;
    }
    if (src[i] === '\r') i += 1;
    if (src[i] === '\n') i += 1;
    if (quoted || fields.length > 1 || fields[0] !== '') records.push({ line: start, fields });
    line += 1;
  }
  return records;
}
