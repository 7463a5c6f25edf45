import { RegisterVenueRequest } from '@govpass/shared-types';

export const VENUE_CSV_HEADER = 'id,name,address,district,type,lat,lng';

export interface VenueCsvResult {
  rows: RegisterVenueRequest[];
  errors: { line: number; message: string }[];
}

/**
 * `id,name,address,district,type,lat,lng` (id may be empty: a UUID is assigned). Plain cells (no
 * quoting: names and addresses have no commas in the registry export). Every row is checked with
 * the API's own contract; any bad row means nothing is imported.
 */
export function parseVenueCsv(csv: string): VenueCsvResult {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  const errors: VenueCsvResult['errors'] = [];
  if ((lines[0] ?? '').trim() !== VENUE_CSV_HEADER) return { rows: [], errors: [{ line: 1, message: `header must be ${VENUE_CSV_HEADER}` }] };
  const rows: RegisterVenueRequest[] = [];
  const ids = new Set<string>();
  lines.slice(1).forEach((text, i) => {
    const line = i + 2;
    if (text.trim() === '') return;
    const cells = text.split(',');
    if (cells.length !== 7) return void errors.push({ line, message: `expected 7 cells, got ${cells.length}` });
    const [id, name, address, district, type, lat, lng] = cells.map((c) => c.trim());
    const parsed = RegisterVenueRequest.safeParse({ id: id || undefined, name, address, district, type, lat: lat === '' ? NaN : Number(lat), lng: lng === '' ? NaN : Number(lng) });
    if (!parsed.success) return void errors.push({ line, message: parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ') });
    if (parsed.data.id && ids.has(parsed.data.id)) return void errors.push({ line, message: `id ${parsed.data.id} appears twice` });
    if (parsed.data.id) ids.add(parsed.data.id);
    rows.push(parsed.data);
  });
  return errors.length > 0 ? { rows: [], errors } : { rows, errors };
}
