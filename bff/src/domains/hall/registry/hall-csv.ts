import { AppointmentMode, HallInput, ServiceInput, WindowInput, EntityId, type Hall, type HallService, type HallWindow, type OpeningPeriod, type MaterialItem } from '@govpass/shared-types';
import { AppError } from '../../../core/app-error';
import { importRows } from '../../../core/parse-csv';

/** `1-5 09:00-12:00 13:30-17:00;6 09:00-12:00` → periods. */
export function parseHours(text: string): OpeningPeriod[] {
  const periods: OpeningPeriod[] = [];
  for (const part of text.split(';').map((s) => s.trim()).filter(Boolean)) {
    const [days, ...ranges] = part.split(/\s+/);
    const m = /^([1-7])(?:-([1-7]))?$/.exec(days);
    if (!m || ranges.length === 0) throw new Error(`opening hours "${part}" should look like "1-5 09:00-12:00 13:30-17:00"`);
    for (let d = Number(m[1]); d <= Number(m[2] ?? m[1]); d++) {
      for (const r of ranges) {
        const t = /^(\d\d:\d\d)-(\d\d:\d\d)$/.exec(r);
        if (!t) throw new Error(`opening period "${r}" should look like 09:00-12:00`);
        periods.push({ weekday: d, open: t[1], close: t[2] });
      }
    }
  }
  return periods;
}

/** `身份证*|户口本|照片(近期免冠)` → materials (`*` required, note in parentheses). */
export function parseMaterials(text: string): MaterialItem[] {
  return text.split('|').map((s) => s.trim()).filter(Boolean).map((item) => {
    const m = /^([^(（*]+)(\*)?\s*(?:[(（](.*)[)）])?\s*(\*)?$/.exec(item);
    if (!m) throw new Error(`material "${item}" should look like 身份证* or 照片(近期免冠)`);
    return { name: m[1].trim(), required: Boolean(m[2] ?? m[4]), note: m[3]?.trim() || null };
  });
}

export interface ParsedHallRows {
  halls: Hall[];
  services: HallService[];
  windows: HallWindow[];
}

function zodMessage(err: unknown): string {
  const issues = (err as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  return issues ? issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ') : (err as Error).message;
}

function rowOf(kind: string, c: string[]): Hall | HallService | HallWindow {
  const [, hallId, id, name, a, b, d, e, f] = c;
  EntityId.parse(hallId);
  if (kind === 'hall') {
    const loc = d ? d.split(/\s+/).map(Number) : null;
    const input = HallInput.parse({ name, address: a, district: b, location: loc ? { lat: loc[0], lng: loc[1] } : null, openingHours: parseHours(e ?? ''), closedDays: (f ?? '').split(/\s+/).filter(Boolean), remoteTickets: true });
    return { id: hallId, ...input };
  }
  EntityId.parse(id);
  if (kind === 'service') {
    const input = ServiceInput.parse({ name, category: a, ticketPrefix: b, expectedMinutes: Number(d), appointmentMode: AppointmentMode.parse(e), materials: parseMaterials(f ?? '') });
    return { id, hallId, ...input };
  }
  if (kind === 'window') {
    const input = WindowInput.parse({ name, number: Number(a), serviceIds: (b ?? '').split(/\s+/).filter(Boolean), status: d || 'closed' });
    return { id, hallId, ...input };
  }
  throw new Error(`kind "${kind}" should be hall, service or window`);
}

/**
 * The import file (shared-types ImportHallsRequest), CSV read by csv-parse (core/parse-csv: quoted
 * cells may hold commas and line breaks): every bad row is reported at once by the line it starts
 * on, and nothing is returned unless all are good (422 IMPORT_INVALID with details [{line, message}]).
 */
export function parseHallCsv(csv: string): ParsedHallRows {
  const read = importRows(csv);
  if (!read.ok) throw invalid([{ line: read.line, message: read.reason }]);
  const header = read.rows[0]?.line === 1 ? read.rows[0] : undefined;
  const out: ParsedHallRows = { halls: [], services: [], windows: [] };
  const problems: { line: number; message: string }[] = [];
  for (const { line, fields: cells } of read.rows.filter((r) => r.line > 1)) {
    try {
      const row = rowOf(cells[0], cells);
      if (cells[0] === 'hall') out.halls.push(row as Hall);
      else if (cells[0] === 'service') out.services.push(row as HallService);
      else out.windows.push(row as HallWindow);
    } catch (err) {
      problems.push({ line, message: zodMessage(err) });
    }
  }
  if (!(header && header.fields[0] === 'kind' && header.fields.length > 1)) problems.unshift({ line: 1, message: 'the first line must be the header kind,hallId,id,name,…' });
  if (problems.length > 0) throw invalid(problems);
  return out;
}

function invalid(problems: { line: number; message: string }[]): AppError {
  return new AppError(422, 'IMPORT_INVALID', `${problems.length} bad line(s); nothing imported`, { details: problems });
}
