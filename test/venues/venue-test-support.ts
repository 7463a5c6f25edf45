import { randomUUID } from 'node:crypto';
import type { RoleName } from '@govpass/shared-types';
import type { GovpassApp } from '../../bff/src/app';
import { expectStatus, type SurgeApp } from '../masks/surge/surge-support';

/** A controllable clock for the whole app. */
export class TestClock {
  constructor(private ms: number) {}
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

export const MINUTE = 60_000;

/** An account (no person) holding `role`, with a session. */
export async function operatorWith(app: GovpassApp, role: Exclude<RoleName, 'citizen'>, scopeId: string | null = null): Promise<{ accountId: string; token: string }> {
  const accountId = randomUUID();
  await app.database.db.insertInto('accounts').values({ id: accountId, channel: 'h5', channel_user_id: `venue-op-${accountId}`, union_id: null, person_id: null, created_at: Date.now() }).execute();
  await app.services.roles.grant('test', { accountId, role, scopeId }, null);
  return { accountId, token: (await app.services.sessions.issue({ accountId, channel: 'h5' })).token };
}

export interface RegisteredVenue {
  id: string;
  name: string;
  venueCode: string;
  scanUrl: string;
}

/** Registers a venue through the API as `token` (a venue manager or admin). */
export async function registerVenue(s: SurgeApp, token: string, id: string, name = `场所${id}`): Promise<RegisteredVenue> {
  const res = await expectStatus(
    s.http.request('POST', '/api/v1/venues', { token, body: { id, name, address: '合肥市庐阳区长江中路1号', district: '庐阳区', type: 'shop', lat: 31.86, lng: 117.28 } }),
    201,
    `register ${id}`,
  );
  return { id, name, venueCode: res.body.poster.venueCode, scanUrl: res.body.poster.scanUrl };
}

/** Makes `member` a family member of `holder` (as the family service records it). */
export async function linkFamily(app: GovpassApp, holderPersonId: string, memberPersonId: string): Promise<void> {
  await app.database.db.insertInto('family_members').values({ id: randomUUID(), holder_person_id: holderPersonId, member_person_id: memberPersonId, relation: 'parent', created_at: Date.now() }).execute();
}

export async function checkinRows(app: GovpassApp): Promise<{ id: string; venue_id: string; person_id: string; checked_in_at: number }[]> {
  return app.database.db.selectFrom('venue_checkins').select(['id', 'venue_id', 'person_id', 'checked_in_at']).execute();
}
