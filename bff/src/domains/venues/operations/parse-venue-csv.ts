import { RegisterVenueRequest } from '@govpass/shared-types';
import { importRows } from '../../../core/parse-csv';

export const VENUE_CSV_HEADER = 'id,name,address,district,type,lat,lng';

export interface VenueCsvResult {
  rows: RegisterVenueRequest[];
  errors: { line: number; message: string }[];
}

/**
 * `id,name,address,district,type,lat,lng` (id may be empty: a UUID is assigned), CSV read by
 * csv-parse (core/parse-csv: a quoted cell may hold commas and line breaks). Every row is checked
 * with the API's own contract, by the line it starts on; any bad row means nothing is imported.
 */
export function parseVenueCsv(csv: string): VenueCsvResult {
  const read = importRows(csv);
  if (!read.ok) return { rows: [], errors: [{ line: read.line, message: read.reason }] };
  const [header, ...body] = read.rows;
  if (header?.line !== 1 || header.fields.join(',') !== VENUE_CSV_HEADER) return { rows: [], errors: [{ line: 1, message: `header must be ${VENUE_CSV_HEADER}` }] };
  const errors: VenueCsvResult['errors'] = [];
  const rows: RegisterVenueRequest[] = [];
  const ids = new Set<string>();
  for (const { line, fields: cells } of body) {
    if (cells.length !== 7) {
      errors.push({ line, message: `expected 7 cells, got ${cells.length}` });
      continue;
    }
    const [id, name, address, district, type, lat, lng] = cells;
    const parsed = RegisterVenueRequest.safeParse({ id: id || undefined, name, address, district, type, lat: lat === '' ? NaN : Number(lat), lng: lng === '' ? NaN : Number(lng) });
    if (!parsed.success) {
      errors.push({ line, message: parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ') });
      continue;
    }
    if (parsed.data.id && ids.has(parsed.data.id)) {
      errors.push({ line, message: `id ${parsed.data.id} appears twice` });
      continue;
    }
    if (parsed.data.id) ids.add(parsed.data.id);
    rows.push(parsed.data);
  }
  return errors.length > 0 ? { rows: [], errors } : { rows, errors };
}
