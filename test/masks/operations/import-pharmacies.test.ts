import { importPharmacies } from '../../../bff/src/domains/masks/operations/import-pharmacies';
import { OpsFixture, cst } from './operations-fixture';

let f: OpsFixture;
const HEADER = 'id,name,address,district,latitude,longitude,phone,openingHours';
const GOOD = [
  HEADER,
  'ph-001,"老百姓大药房（""中山路""店）","中山路1号, 一楼",黄浦区,31.2304,121.4737,021-63210001,08:00-22:00',
  'ph-002,益丰大药房,人民路8号,静安区,31.2286,121.4471,021-63210002,24小时',
  'ph-003,华氏大药房,南京西路3号,静安区,31.2298,121.4552,021-63210003,09:00-21:00',
].join('\r\n');

beforeAll(async () => {
  f = await OpsFixture.open();
});
afterAll(() => f?.close());

async function stored() {
  return f.db.selectFrom('pharmacies').selectAll().orderBy('id').execute();
}

describe('importPharmacies (MariaDB)', () => {
  it('inserts a good file, audited with counts', async () => {
    const result = await importPharmacies(f.db, `\uFEFF${GOOD}\r\n`, 'cli:ops', f.audit, () => cst('2020-01-30 10:00'));
    expect(result).toEqual({ rows: 3, created: 3, updated: 0, unchanged: 0, errors: [] });
    const rows = await stored();
    expect(rows.map((r) => r.id)).toEqual(['ph-001', 'ph-002', 'ph-003']);
    expect(rows[0]).toMatchObject({ name: '老百姓大药房（"中山路"店）', address: '中山路1号, 一楼', district: '黄浦区', latitude: 31.2304, longitude: 121.4737, phone: '021-63210001', opening_hours: '08:00-22:00', created_at: cst('2020-01-30 10:00') });
    expect(await f.audit.forTarget('pharmacy', 'csv-import')).toEqual([
      expect.objectContaining({ actor: 'cli:ops', action: 'mask.pharmacies.import', details: { rows: 3, created: 3, updated: 0, unchanged: 0 } }),
    ]);
  });

  it('upserts by id: changed rows are updated, new ones added, identical ones left alone', async () => {
    const next = [HEADER, 'ph-002,益丰大药房（新址）,人民路10号,静安区,31.2287,121.4472,021-63210002,24小时', 'ph-003,华氏大药房,南京西路3号,静安区,31.2298,121.4552,021-63210003,09:00-21:00', 'ph-004,第一医药,南京东路4号,黄浦区,31.2351,121.4801,021-63210004,08:00-20:00'].join('\n');
    const result = await importPharmacies(f.db, next, 'cli:ops', f.audit, () => cst('2020-02-01 07:00'));
    expect(result).toEqual({ rows: 3, created: 1, updated: 1, unchanged: 1, errors: [] });
    const rows = await stored();
    expect(rows.map((r) => r.id)).toEqual(['ph-001', 'ph-002', 'ph-003', 'ph-004']);
    expect(rows[1]).toMatchObject({ name: '益丰大药房（新址）', address: '人民路10号', latitude: 31.2287, created_at: cst('2020-01-30 10:00'), updated_at: cst('2020-02-01 07:00') });
    expect(rows[2].updated_at).toBe(cst('2020-01-30 10:00'));
  });

  it('writes nothing when any row is bad, and names every bad line', async () => {
    const before = await stored();
    const bad = [
      HEADER,
      'ph-005,新店,地址,黄浦区,31.2,121.4,021-1,08:00-20:00', // good, but must not be written either
      'ph-002,改名,地址,黄浦区,31.2,121.4,021-1,08:00-20:00', // good update, must not be applied
      'ph-006,坏店,地址,黄浦区,121.4,31.2,021-1,08:00-20:00', // latitude and longitude swapped
      'ph-007,,地址,黄浦区,31.2,121.4,021-1,08:00-20:00',
      'ph-005,重复,地址,黄浦区,31.2,121.4,021-1,08:00-20:00',
    ].join('\n');
    const result = await importPharmacies(f.db, bad, 'cli:ops', f.audit);
    expect(result).toEqual({
      rows: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      errors: [
        { line: 4, message: 'latitude must be between -90 and 90' },
        { line: 5, message: 'name is required' },
        { line: 6, message: 'duplicate id ph-005 (first on line 2)' },
      ],
    });
    expect(await stored()).toEqual(before);
    expect((await f.audit.forTarget('pharmacy', 'csv-import')).at(-1)).toMatchObject({ action: 'mask.pharmacies.import-rejected', details: { errors: 3 } });
  });

  it('refuses an id that differs from a stored one only in case (MySQL would treat them as one)', async () => {
    const before = await stored();
    const result = await importPharmacies(f.db, `${HEADER}\nph-010,新店,地址,黄浦区,31.2,121.4,021-1,08:00-20:00\nPH-001,大写,地址,黄浦区,31.2,121.4,021-1,08:00-20:00\n`, 'cli:ops', f.audit);
    expect(result.errors).toEqual([{ line: 3, message: 'id PH-001 differs only in case from the stored pharmacy ph-001' }]);
    expect(await stored()).toEqual(before);
  });
});
