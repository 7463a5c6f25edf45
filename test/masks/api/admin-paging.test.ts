import { expectOk, newPerson, PHARMACY, startMasksTestApp, type Caller, type MasksTestApp } from './support';

/** The console's lists are paged by the server: pharmacies (with search), rounds, ledger rows. */
let t: MasksTestApp;
let admin: Caller;
const get = (path: string) => t.request('GET', path, { token: admin.token });

beforeAll(async () => {
  t = await startMasksTestApp({ start: '2020-02-01T10:00:00+08:00' });
  admin = await t.operator('boss', 'admin');
  for (let i = 1; i <= 23; i++) {
    const id = `ph-${String(i).padStart(2, '0')}`;
    await expectOk(t.request('POST', '/api/v1/admin/pharmacies', { token: admin.token, body: PHARMACY(id, { name: i === 7 ? '益丰大药房_人民路店' : `同仁堂${i}号店`, district: i % 2 ? '江岸区' : '武昌区' }) }));
  }
  for (let d = 0; d < 5; d++) {
    const day = `2020-02-${String(3 + d).padStart(2, '0')}`;
    const round = await expectOk(t.request('POST', '/api/v1/admin/masks/rounds', { token: admin.token, body: { name: `第${d + 1}轮`, opensAt: `${day}T09:00:00+08:00`, closesAt: `${day}T20:00:00+08:00` } }));
    await expectOk(t.request('PUT', `/api/v1/admin/masks/rounds/${round.body.round.id}/quotas`, { token: admin.token, body: { items: [{ pharmacyId: 'ph-01', quota: 10 }, { pharmacyId: 'ph-02', quota: 10 }] } }));
  }
});
afterAll(() => t.close());

describe('admin pharmacies, paged and searched by the server', () => {
  it('answers one page by id with the total; the last page holds the rest', async () => {
    const first = (await expectOk(get('/api/v1/admin/pharmacies?page=1&pageSize=10'))).body;
    expect({ total: first.total, page: first.page, pageSize: first.pageSize }).toEqual({ total: 23, page: 1, pageSize: 10 });
    expect(first.items.map((p: { id: string }) => p.id)).toEqual(Array.from({ length: 10 }, (_, i) => `ph-${String(i + 1).padStart(2, '0')}`));
    const last = (await expectOk(get('/api/v1/admin/pharmacies?page=3&pageSize=10'))).body;
    expect(last.items.map((p: { id: string }) => p.id)).toEqual(['ph-21', 'ph-22', 'ph-23']);
    expect((await expectOk(get('/api/v1/admin/pharmacies?page=9&pageSize=10'))).body).toMatchObject({ items: [], total: 23, page: 9 });
  });

  it('searches every word in the database before paging; % and _ are taken literally', async () => {
    const wuchang = (await expectOk(get(`/api/v1/admin/pharmacies?q=${encodeURIComponent('武昌')}&pageSize=5`))).body;
    expect(wuchang).toMatchObject({ total: 11, page: 1, pageSize: 5 });
    expect(wuchang.items).toHaveLength(5);
    const both = (await expectOk(get(`/api/v1/admin/pharmacies?q=${encodeURIComponent('同仁堂1 江岸')}&page=1`))).body;
    expect(both.items.map((p: { id: string }) => p.id)).toEqual(['ph-01', 'ph-11', 'ph-13', 'ph-15', 'ph-17', 'ph-19']);
    expect((await expectOk(get(`/api/v1/admin/pharmacies?q=${encodeURIComponent('药房_人')}`))).body.items.map((p: { id: string }) => p.id)).toEqual(['ph-07']);
    expect((await expectOk(get(`/api/v1/admin/pharmacies?q=${encodeURIComponent('%')}`))).body.total).toBe(0);
  });

  it('without page or pageSize answers the whole list as before (quota table, posters)', async () => {
    const all = (await expectOk(get('/api/v1/admin/pharmacies'))).body;
    expect(all).toMatchObject({ total: 23, page: 1, pageSize: 23 });
    expect(all.items).toHaveLength(23);
  });

  it.each([
    ['pageSize=101', 'pageSize'],
    ['pageSize=0', 'pageSize'],
    ['page=0', 'page'],
    ['page=x', 'page'],
  ])('refuses %s (400 VALIDATION_FAILED on %s)', async (query, path) => {
    const res = await get(`/api/v1/admin/pharmacies?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.body.error.details)).toContain(path);
  });

  it('is for administrators only', async () => {
    const citizen = await t.citizen('someone', newPerson());
    expect((await t.request('GET', '/api/v1/admin/pharmacies?page=1', { token: citizen.token })).status).toBe(403);
  });
});

describe('admin rounds, paged', () => {
  it('answers newest first a page at a time with the total; unpaged still answers all', async () => {
    const p1 = (await expectOk(get('/api/v1/admin/masks/rounds?page=1&pageSize=2'))).body;
    expect(p1).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(p1.items.map((r: { name: string }) => r.name)).toEqual(['第5轮', '第4轮']);
    const p3 = (await expectOk(get('/api/v1/admin/masks/rounds?page=3&pageSize=2'))).body;
    expect(p3.items.map((r: { name: string }) => r.name)).toEqual(['第1轮']);
    expect((await expectOk(get('/api/v1/admin/masks/rounds'))).body).toMatchObject({ total: 5, page: 1, pageSize: 5 });
    expect((await get('/api/v1/admin/masks/rounds?pageSize=500')).status).toBe(400);
  });
});

describe('admin ledger, rows paged', () => {
  it('pages the round × pharmacy rows with the total, and keeps the pickup-day filter', async () => {
    const p1 = (await expectOk(get('/api/v1/admin/masks/ledger?page=1&pageSize=4'))).body;
    expect(p1).toMatchObject({ total: 10, page: 1, pageSize: 4, violations: [] });
    expect(p1.rows).toHaveLength(4);
    const p3 = (await expectOk(get('/api/v1/admin/masks/ledger?page=3&pageSize=4'))).body;
    expect(p3.rows).toHaveLength(2);
    const day = (await expectOk(get('/api/v1/admin/masks/ledger?pickupDate=2020-02-04&pageSize=1'))).body;
    expect(day).toMatchObject({ total: 2, pageSize: 1 });
    expect(day.rows.map((r: { roundName: string; pickupDate: string }) => r.pickupDate)).toEqual(['2020-02-04']);
    expect((await expectOk(get('/api/v1/admin/masks/ledger'))).body.rows).toHaveLength(10);
    expect((await get('/api/v1/admin/masks/ledger?pageSize=101')).status).toBe(400);
  });
});
