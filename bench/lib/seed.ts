import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { maskIdNumber, maskName, withCheckChar, type MaskedIdentity } from '@govpass/shared-types';
import type { GovpassApp } from '../../bff/src/app';
import { pharmacyShard, MASK_SHARDS } from '../../bff/src/domains/masks/hot-path/mask-keys';
import { mapBounded } from '../../bff/src/domains/masks/hot-path/hot-path-settings';
import { PiiCipher } from '../../bff/src/infra/crypto/pii-cipher';

export interface SeededWorld {
  roundId: string;
  pickupDate: string;
  /** One per hot-path shard (all 64 shards carry traffic), huge quotas. */
  pharmacyIds: string[];
  /** In the round with quota 0. */
  soldOutPharmacyId: string;
  /** Session tokens of verified citizens, one per person, in person order. */
  tokens: string[];
  /** Their accounts and persons, in the same order. */
  accountIds: string[];
  personIds: string[];
}

const OPERATOR = { accountId: 'bench-operator', requestId: null };
const SURNAMES = ['张', '王', '李', '赵', '陈', '刘', '杨', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '娟'];

export interface SeedOptions {
  persons: number;
  /** Sessions issued concurrently. */
  sessionConcurrency: number;
  /** Rows per multi-row INSERT. */
  insertChunk: number;
  deadline: number;
  log: (msg: string) => void;
}

function checkDeadline(deadline: number, what: string): void {
  if (Date.now() > deadline) throw new Error(`seeding took too long (${what})`);
}

/**
 * The BFF's world, through the app's own services where it has them: pharmacies (one per hot-path
 * shard, plus one sold out), an open first-come round with huge quotas (counters set in Redis by
 * RoundAdminService.setQuotas), then verified citizens — persons + accounts inserted in bulk with
 * valid PiiCipher ciphertexts — and a session each from the app's SessionStore.
 */
export async function seedWorld(app: GovpassApp, opts: SeedOptions): Promise<SeededWorld> {
  const { pharmacyAdmin, roundAdmin } = app.services.masks;
  const db = app.database.db;

  // Pharmacies: ids picked so that every one of the 64 shards holds exactly one.
  const byShard = new Map<number, string>();
  for (let n = 0; byShard.size < MASK_SHARDS && n < 100_000; n++) {
    const id = `bph-${String(n).padStart(4, '0')}`;
    const shard = pharmacyShard(id);
    if (!byShard.has(shard)) byShard.set(shard, id);
  }
  if (byShard.size < MASK_SHARDS) throw new Error('could not cover every shard with a pharmacy id');
  const pharmacyIds = [...byShard.values()].sort();
  const soldOutPharmacyId = 'bph-soldout';
  let i = 0;
  for (const id of [...pharmacyIds, soldOutPharmacyId]) {
    i += 1;
    await pharmacyAdmin.create(OPERATOR, {
      id,
      name: id === soldOutPharmacyId ? '售罄药房' : `基准药房${i}号`,
      address: `基准路${i}号`,
      district: '基准区',
      lat: 31.2 + i / 1000,
      lng: 121.4 + i / 1000,
      phone: '021-00000000',
      openingHours: '08:00-20:00',
    });
  }

  const now = Date.now();
  const round = await roundAdmin.create(OPERATOR, {
    name: 'bench',
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 6 * 3_600_000).toISOString(),
    mode: 'first_come',
    quantityPerPerson: 5,
    repeatDays: 7,
  });
  if (round.status !== 'open') throw new Error(`the bench round is ${round.status}, not open`);
  await roundAdmin.setQuotas(OPERATOR, round.id, {
    items: [...pharmacyIds.map((pharmacyId) => ({ pharmacyId, quota: 1_000_000 })), { pharmacyId: soldOutPharmacyId, quota: 0 }],
  });
  opts.log(`pharmacies: ${pharmacyIds.length} (one per shard) + 1 sold out; round ${round.id} open, pickup ${round.pickupDate}`);

  // Citizens: the same ciphertext format and keys the app decrypts with (test config).
  const cipher = new PiiCipher(app.config.security.piiEncryptionKey, app.config.security.piiHashKey);
  const t0 = Date.now();
  const accountIds = new Array<string>(opts.persons);
  const sessionPersons = new Array<{ personId: string; identity: MaskedIdentity }>(opts.persons);
  for (let start = 0; start < opts.persons; start += opts.insertChunk) {
    checkDeadline(opts.deadline, 'persons');
    const end = Math.min(opts.persons, start + opts.insertChunk);
    const persons = [];
    const accounts = [];
    for (let k = start; k < end; k++) {
      const personId = randomUUID();
      const accountId = randomUUID();
      accountIds[k] = accountId;
      const month = String((k % 12) + 1).padStart(2, '0');
      const day = String((k % 28) + 1).padStart(2, '0');
      const idNumber = withCheckChar(`110101${1950 + (k % 50)}${month}${day}${String(k % 1000).padStart(3, '0')}`);
      const name = SURNAMES[k % SURNAMES.length] + GIVEN[Math.floor(k / SURNAMES.length) % GIVEN.length];
      sessionPersons[k] = { personId, identity: { name: maskName(name), idNumber: maskIdNumber(idNumber) } };
      persons.push({
        id: personId,
        id_hash: randomBytes(32).toString('hex'),
        id_cipher: cipher.encrypt(idNumber),
        name_cipher: cipher.encrypt(name),
        birth_date: `${1950 + (k % 50)}-${month}-${day}`,
        created_at: now,
      });
      accounts.push({ id: accountId, channel: 'h5' as const, channel_user_id: `bench-${k}-${accountId.slice(0, 8)}`, union_id: null, person_id: personId, created_at: now });
    }
    await db.insertInto('persons').values(persons).execute();
    await db.insertInto('accounts').values(accounts).execute();
  }
  opts.log(`persons + accounts: ${opts.persons} each in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const t1 = Date.now();
  let issued = 0;
  // As AuthService.login issues them to a verified citizen: with the person and masked identity.
  // At opening time people are verified already and open the mini-program, which logs them in.
  const tokens = await mapBounded(accountIds, opts.sessionConcurrency, async (accountId, k) => {
    if ((++issued & 4095) === 0) checkDeadline(opts.deadline, 'sessions');
    return (await app.services.sessions.issue({ accountId, channel: 'h5', person: sessionPersons[k] })).token;
  });
  opts.log(`sessions: ${tokens.length} issued through SessionStore in ${((Date.now() - t1) / 1000).toFixed(1)} s`);

  return { roundId: round.id, pickupDate: round.pickupDate, pharmacyIds, soldOutPharmacyId, tokens, accountIds, personIds: sessionPersons.map((p) => p.personId) };
}

/** Path D's own tables (same scratch database), with the same pharmacies and round. */
export async function seedMysqlOnly(app: GovpassApp, world: SeededWorld): Promise<void> {
  const db = app.database.db;
  await sql`CREATE TABLE bench_mysql_quotas (
      round_id varchar(36) NOT NULL,
      pharmacy_id varchar(36) NOT NULL,
      remaining int NOT NULL,
      PRIMARY KEY (round_id, pharmacy_id)
    ) ENGINE=InnoDB`.execute(db);
  await sql`CREATE TABLE bench_mysql_reservations (
      id varchar(36) NOT NULL PRIMARY KEY,
      round_id varchar(36) NOT NULL,
      pharmacy_id varchar(36) NOT NULL,
      person_id varchar(36) NOT NULL,
      account_id varchar(36) NOT NULL,
      pickup_date varchar(10) NOT NULL,
      quantity int NOT NULL,
      status varchar(16) NOT NULL,
      idempotency_key varchar(128),
      created_at bigint NOT NULL,
      UNIQUE KEY uq_bench_mysql_person (person_id),
      KEY ix_bench_mysql_round_pharmacy (round_id, pharmacy_id, status)
    ) ENGINE=InnoDB`.execute(db);
  for (const pharmacyId of world.pharmacyIds) {
    await sql`INSERT INTO bench_mysql_quotas (round_id, pharmacy_id, remaining) VALUES (${world.roundId}, ${pharmacyId}, ${1_000_000})`.execute(db);
  }
  await sql`INSERT INTO bench_mysql_quotas (round_id, pharmacy_id, remaining) VALUES (${world.roundId}, ${world.soldOutPharmacyId}, ${0})`.execute(db);
}
