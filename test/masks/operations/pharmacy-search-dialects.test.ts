import { SqlPharmacyStore } from '../../../bff/src/domains/masks/pharmacies/sql-pharmacy-store';
import type { PharmacyRecord } from '../../../bff/src/domains/masks/pharmacies/pharmacy-store';
import { startTestApp, type TestApp } from '../../support/test-app';

/**
 * The console's pharmacy search runs in the database with `LIKE … ESCAPE '!'`: the embedded SQLite
 * store (`npm start`) must read the escapes as MariaDB does, or a search for "药房_人" would match
 * any character and one for "%" everything.
 */
describe.each(['real', 'embedded'] as const)('pharmacy search in the database (%s store)', (mode) => {
  let t: TestApp;
  let store: SqlPharmacyStore;
  const pharmacy = (id: string, name: string, district = '江岸区'): PharmacyRecord => ({ id, name, address: `${name}地址`, district, lat: 30.6, lng: 114.3, phone: '027-1', openingHours: '8:00-20:00' });

  beforeAll(async () => {
    t = await startTestApp(mode);
    store = new SqlPharmacyStore(t.app.database.db);
    for (const p of [pharmacy('ph-a', '益丰大药房_人民路店'), pharmacy('ph-b', '益丰大药房人民路店'), pharmacy('ph-c', '百分百药店 100%', '武昌区'), pharmacy('ph-d', '感叹!药店', '武昌区')]) {
      expect(await store.insert(p)).toBe(true);
    }
  });
  afterAll(() => t.close());

  const ids = async (words: string[], offset = 0, limit = 10) => {
    const { items, total } = await store.page(words, offset, limit);
    return { ids: items.map((p) => p.id), total };
  };

  it('takes _ % and ! literally', async () => {
    expect(await ids(['药房_人'])).toEqual({ ids: ['ph-a'], total: 1 });
    expect(await ids(['100%'])).toEqual({ ids: ['ph-c'], total: 1 });
    expect(await ids(['%'])).toEqual({ ids: ['ph-c'], total: 1 });
    expect(await ids(['!'])).toEqual({ ids: ['ph-d'], total: 1 });
  });

  it('needs every word, in any searched column, and pages after matching', async () => {
    expect(await ids(['益丰', '人民路'])).toEqual({ ids: ['ph-a', 'ph-b'], total: 2 });
    expect(await ids(['武昌', '药店'])).toEqual({ ids: ['ph-c', 'ph-d'], total: 2 });
    expect(await ids(['药'], 1, 2)).toEqual({ ids: ['ph-b', 'ph-c'], total: 4 });
    expect(await ids(['PH-A'])).toEqual({ ids: ['ph-a'], total: 1 });
  });
});
