import type { TraceReport } from '@govpass/shared-types';
import { stringify } from 'csv-stringify/sync';

/** A cell whose text a spreadsheet would run as a formula is shown as text instead (CSV injection). */
function cell(value: string | number): string {
  const s = String(value);
  return /^[=+\-@]/.test(s) ? `'${s}` : s;
}

/** The trace report as CSV (UTF-8 with BOM so Excel reads the Chinese): one line per exposure. */
export function traceCsv(report: TraceReport): string {
  const lines = [['流调编号', '病例', '场所', '场所编号', '病例到访时间', '接触者', '接触者到访时间']];
  const caseAt = new Map(report.venues.map((v) => [v.venueId, v.caseCheckedInAt]));
  for (const e of report.exposed) {
    lines.push([report.id, report.caseMaskedName, e.venueName, e.venueId, caseAt.get(e.venueId) ?? '', e.maskedName, e.checkedInAt].map(cell));
  }
  // csv-stringify quotes commas, quotes and CRLF; a lone line break in a name is quoted too.
  return `\uFEFF${stringify(lines, { record_delimiter: '\r\n', quoted_match: /[\r\n]/ })}`;
}
