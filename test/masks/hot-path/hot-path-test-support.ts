import { randomUUID } from 'node:crypto';
import { ShortCodes } from '../../../bff/src/domains/masks/pickup-code/short-code';
import type { Kysely } from 'kysely';
import { createDatabase, type DatabaseHandle } from '../../../bff/src/infra/db/create-database';
import type { Database } from '../../../bff/src/infra/db/database';
import { runMigrations } from '../../../bff/src/infra/db/run-migrations';
import type { BookOutcome, HotReservation, MaskHotPath } from '../../../bff/src/domains/masks/hot-path/mask-hot-path';
import { mapBounded } from '../../../bff/src/domains/masks/hot-path/hot-path-settings';
import { createScratchDatabase } from '../../support/test-services';

export interface ScratchMaskDb {
  handle: DatabaseHandle;
  db: Kysely<Database>;
  close(): Promise<void>;
}

/** A migrated scratch MySQL database for one test file (REQUIRED: fails when MariaDB is down). */
export async function openScratchMaskDb(): Promise<ScratchMaskDb> {
  const scratch = await createScratchDatabase();
  const handle = createDatabase({ mysqlUrl: scratch.url, sqlitePath: ':memory:', poolSize: 8 });
  await runMigrations(handle.db);
  return {
    handle,
    db: handle.db,
    async close() {
      await handle.close();
      await scratch.drop();
    },
  };
}

export interface SeededRound {
  roundId: string;
  pharmacyIds: string[];
  quotas: Record<string, number>;
  rolledIn: Record<string, number>;
  repeatDays: number;
}

/** A round with quotas, as the admin would create it (rows only; the hot counters are separate). */
export async function seedRound(
  db: Kysely<Database>,
  quotas: Record<string, number>,
  opts: { repeatDays?: number; closesAt?: number; rolledIn?: Record<string, number> } = {},
): Promise<SeededRound> {
  const now = Date.now();
  const roundId = randomUUID();
  const repeatDays = opts.repeatDays ?? 7;
  await db
    .insertInto('mask_rounds')
    .values({
      id: roundId,
      name: 'test round',
      opens_at: now - 60_000,
      closes_at: opts.closesAt ?? now + 86_400_000,
      pickup_date: '2020-02-03',
      quantity_per_person: 5,
      mode: 'first_come',
      repeat_days: repeatDays,
      created_at: now,
    })
    .execute();
  const pharmacyIds = Object.keys(quotas);
  await db
    .insertInto('pharmacies')
    .ignore()
    .values(
      pharmacyIds.map((id) => ({
        id,
        name: `药店 ${id.slice(0, 8)}`,
        address: 'addr',
        district: 'd',
        latitude: 30,
        longitude: 120,
        phone: '0571',
        opening_hours: '8-20',
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  await db
    .insertInto('mask_quotas')
    .values(pharmacyIds.map((p) => ({ round_id: roundId, pharmacy_id: p, quota: quotas[p], rolled_in: opts.rolledIn?.[p] ?? 0 })))
    .execute();
  return { roundId, pharmacyIds, quotas, rolledIn: opts.rolledIn ?? {}, repeatDays };
}

/** Opens the round in the hot store (the service does this when a round opens). */
export async function openInHotStore(hot: MaskHotPath, round: SeededRound): Promise<void> {
  for (const p of round.pharmacyIds) await hot.setRemaining(round.roundId, p, round.quotas[p] + (round.rolledIn[p] ?? 0));
}

/** The short-code maker every test sink writes with (rows then carry short_code). */
export const TEST_SHORT_CODES = new ShortCodes('5c'.repeat(32));

export function reservation(round: { roundId: string }, pharmacyId: string, overrides: Partial<HotReservation> = {}): HotReservation {
  const personId = overrides.personId ?? randomUUID();
  return {
    reservationId: randomUUID(),
    roundId: round.roundId,
    pharmacyId,
    personId,
    holderPersonId: personId,
    accountId: overrides.accountId ?? randomUUID(),
    pickupDate: '2020-02-03',
    quantity: 5,
    idempotencyKey: null,
    createdAt: Date.now(),
    ...overrides,
  };
}

export type Attempt = { ok: true; outcome: BookOutcome } | { ok: false; code: string; status: number; error: unknown };

/** Books all, `concurrency` in flight, collecting outcomes and error codes in input order. */
export function bookAll(hot: MaskHotPath, items: HotReservation[], concurrency: number, now = Date.now()): Promise<Attempt[]> {
  return mapBounded(items, concurrency, async (r) => {
    try {
      return { ok: true as const, outcome: await hot.book(r, now) };
    } catch (error) {
      const e = error as { code?: string; status?: number };
      return { ok: false as const, code: e.code ?? String(error), status: e.status ?? 0, error };
    }
  });
}

export function codesOf(attempts: Attempt[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of attempts) {
    const k = a.ok ? (a.outcome.replay ? 'REPLAY' : 'BOOKED') : a.code;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/** Pharmacy ids whose shards differ (and, given a predicate, satisfy it). */
export function pharmaciesOnDistinctShards(n: number, shardOf: (id: string) => number): string[] {
  const seen = new Set<number>();
  const ids: string[] = [];
  while (ids.length < n) {
    const id = randomUUID();
    const s = shardOf(id);
    if (seen.has(s)) continue;
    seen.add(s);
    ids.push(id);
  }
  return ids;
}
