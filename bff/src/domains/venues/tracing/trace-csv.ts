import type { TraceReport } from '@govpass/shared-types';

/** A cell as CSV: quoted when it holds a comma, quote or line break; formula starts neutralised. */
function cell(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The trace report as CSV (UTF-8 with BOM so Excel reads the Chinese): one line per exposure. */
export function traceCsv(report: TraceReport): string {
  const lines = [['流调编号', '病例', '场所', '场所编号', '病例到访时间', '接触者', '接触者到访时间'].join(',')];
  const caseAt = new Map(report.venues.map((v) => [v.venueId, v.caseCheckedInAt]));
  for (const e of report.exposed) {
    lines.push([report.id, report.caseMaskedName, e.venueName, e.venueId, caseAt.get(e.venueId) ?? '', e.maskedName, e.checkedInAt].map(cell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
