import { withCheckChar } from '@govpass/shared-types';
import type { GovpassApp } from '../app';
import { DEMO_PHARMACIES } from './demo-pharmacies';
import { seedDemoHall } from './demo-hall';

/**
 * Demo data for the embedded default, so the app can be clicked through at once:
 * a few pharmacies, citizens (citizen-2 already verified), a pharmacist, a verifier (scans personal
 * codes at a door) and an administrator,
 * reached with the H5 dev login (`dev:<name>`). Safe to run at every start.
 */
export async function seedDemoData(app: GovpassApp): Promise<void> {
  const { accounts, roles, identity } = app.services;
  const db = app.database.db;
  const now = Date.now();
  for (const p of DEMO_PHARMACIES) {
    const exists = await db.selectFrom('pharmacies').select('id').where('id', '=', p.id).executeTakeFirst();
    if (!exists) await db.insertInto('pharmacies').values({ ...p, created_at: now, updated_at: now }).execute();
  }
  await accounts.findOrCreate('h5', 'citizen-1');
  const verified = await accounts.findOrCreate('h5', 'citizen-2');
  if (!verified.personId) await identity.bind(verified.id, { name: '李四', idNumber: withCheckChar('11010119900307451') });
  const admin = await accounts.findOrCreate('h5', 'admin');
  if (!(await roles.rolesOf(admin.id)).some((g) => g.role === 'admin')) {
    await roles.grant('seed', { accountId: admin.id, role: 'admin', scopeId: null }, null);
  }
  const pharmacist = await accounts.findOrCreate('h5', 'pharmacist-1');
  if (!(await roles.rolesOf(pharmacist.id)).some((g) => g.role === 'pharmacist')) {
    await roles.grant('seed', { accountId: pharmacist.id, role: 'pharmacist', scopeId: DEMO_PHARMACIES[0].id }, null);
  }
  const verifier = await accounts.findOrCreate('h5', 'verifier-1');
  if (!(await roles.rolesOf(verifier.id)).some((g) => g.role === 'verifier')) {
    await roles.grant('seed', { accountId: verifier.id, role: 'verifier', scopeId: null }, null);
  }
  const official = await accounts.findOrCreate('h5', 'official-1');
  if (!(await roles.rolesOf(official.id)).some((g) => g.role === 'health_official')) {
    // health_official is a scoped role (its area, 合肥市 here); the health routes accept any scope.
    await roles.grant('seed', { accountId: official.id, role: 'health_official', scopeId: '340100' }, null);
  }
  await ensureDemoRound(app, Date.now());
  await seedDemoHall(app);
  app.logger.info({ pharmacies: DEMO_PHARMACIES.length }, 'demo data ready (log in on H5 as dev:citizen-1, dev:citizen-2, dev:pharmacist-1, dev:verifier-1, dev:official-1, dev:window-1, dev:hall-manager-1, dev:admin)');
}

const DAY = 86_400_000;
const CHINA = 8 * 3_600_000;

/**
 * A first-come round open now until the end of the China day, picked up today, so that a newcomer can
 * book and then redeem as dev:pharmacist-1 at once. Created only when no round is open.
 */
async function ensureDemoRound(app: GovpassApp, now: number): Promise<void> {
  const { rounds, roundAdmin } = app.services.masks;
  const current = await rounds.current();
  if (current && current.opensAt <= now && now < current.closesAt) return;
  const dayStart = Math.floor((now + CHINA) / DAY) * DAY - CHINA;
  // Late in the evening the round runs to the end of tomorrow instead, picked up tomorrow.
  const dayEnd = dayStart + DAY - 1000 < now + 1_800_000 ? dayStart + 2 * DAY - 1000 : dayStart + DAY - 1000;
  const op = { accountId: 'seed', requestId: null };
  const round = await roundAdmin.create(op, {
    name: '演示轮次（先到先得）',
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(dayEnd).toISOString(),
    pickupDate: new Date(dayEnd + CHINA).toISOString().slice(0, 10),
  });
  await roundAdmin.setQuotas(op, round.id, { items: DEMO_PHARMACIES.map((p, i) => ({ pharmacyId: p.id, quota: i === 4 ? 3 : 200 })) });
}
