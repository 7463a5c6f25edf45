import { adminSetup, book, newPerson, PHARMACY, startMasksTestApp, type Caller, type MasksTestApp } from './support';

/*
 * The eligibility answer in a lottery round: the lottery's own refusals (an application already
 * made, a reservation still to collect), and never SOLD_OUT: the quota is the number of winners.
 */

let t: MasksTestApp;

const eligibility = (caller: Caller, query: string) => t.request('GET', `/api/v1/masks/eligibility?${query}`, { token: caller.token });

beforeAll(async () => {
  t = await startMasksTestApp({ start: '2020-03-01T10:00:00+08:00' });
  const admin = await t.operator('boss', 'admin');
  await adminSetup(t, admin, {
    pharmacies: [PHARMACY('ph-l')],
    round: { name: '抽签轮', opensAt: '2020-03-01T09:00:00+08:00', closesAt: '2020-03-01T20:00:00+08:00', mode: 'lottery' },
    quotas: [{ pharmacyId: 'ph-l', quota: 1 }],
  });
});
afterAll(() => t.close());

it('says ALREADY_RESERVED once one applied (as the application itself would), and never SOLD_OUT', async () => {
  const first = await t.citizen('first', newPerson());
  const second = await t.citizen('second', newPerson());
  expect((await eligibility(first, 'pharmacyId=ph-l')).body).toMatchObject({ eligible: true, reason: null });
  expect((await book(t, first, { pharmacyId: 'ph-l' })).status).toBe(202);
  expect((await eligibility(first, 'pharmacyId=ph-l')).body).toMatchObject({ eligible: false, reason: 'ALREADY_RESERVED' });
  // Quota 1 and one application already: applying stays open to everyone else.
  expect((await eligibility(second, 'pharmacyId=ph-l')).body).toMatchObject({ eligible: true, reason: null });
  expect((await book(t, second, { pharmacyId: 'ph-l' })).status).toBe(202);
});

it('says FAMILY_ALREADY_RESERVED for a family member who applied', async () => {
  const holder = await t.citizen('holder', newPerson('王芳'));
  const kid = newPerson('王小宝');
  await t.app.services.registry.loadCsv(`${kid.name},${kid.idNumber}\n`);
  const kidId = (await t.request('POST', '/api/v1/family', { token: holder.token, body: { ...kid, relation: 'child' } })).body.member.personId as string;
  expect((await book(t, holder, { pharmacyId: 'ph-l', personId: kidId })).status).toBe(202);
  expect((await eligibility(holder, `pharmacyId=ph-l&personId=${kidId}`)).body).toMatchObject({ eligible: false, reason: 'FAMILY_ALREADY_RESERVED' });
  expect((await eligibility(holder, 'pharmacyId=ph-l')).body).toMatchObject({ eligible: true });
});
