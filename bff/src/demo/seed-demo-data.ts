import { withCheckChar } from '@govpass/shared-types';
import type { GovpassApp } from '../app';
import { DEMO_PHARMACIES } from './demo-pharmacies';

/**
 * Demo data for the embedded default, so the app can be clicked through at once:
 * a few pharmacies, citizens (citizen-2 already verified), a pharmacist and an administrator,
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
  app.logger.info({ pharmacies: DEMO_PHARMACIES.length }, 'demo data ready (log in on H5 as dev:citizen-1, dev:citizen-2, dev:pharmacist-1, dev:admin)');
}
