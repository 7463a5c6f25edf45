import { parseCode } from '@govpass/shared-types';
import type { AuditLog } from '../audit/audit-log';
import { MemoryHotStore } from '../../infra/hot-store/memory-hot-store';
import { signCode } from './code-signer';
import type { CodeRefStore, PrintedCodeRecord, PrintedCodeStore } from './code-ref-store';
import { KeyRing } from './key-ring';
import { PersonRefs, refToHex } from './person-refs';
import { PersonalCodeService } from './personal-code-service';
import { PrintedCardIndex } from './printed-card-index';
import { RevocationList } from './revocation-list';
import { signingKeyFromSeed } from './signing-key';

const SEED_A = 'a1'.repeat(32);
const SEED_B = 'b2'.repeat(32);
const ROTATION = Date.parse('2026-06-01T00:00:00Z');
const DAY = 86_400_000;

class MemoryRefStore implements CodeRefStore {
  rows = new Map<string, string>();
  reads = 0;
  async refOf(personId: string) {
    this.reads += 1;
    return this.rows.get(personId) ?? null;
  }
  async personOf(refHex: string) {
    this.reads += 1;
    return [...this.rows].find(([, r]) => r === refHex)?.[0] ?? null;
  }
  async insert(personId: string, refHex: string) {
    if (this.rows.has(personId) || [...this.rows.values()].includes(refHex)) return 'conflict' as const;
    this.rows.set(personId, refHex);
    return 'created' as const;
  }
}

class MemoryPrintedStore implements PrintedCodeStore {
  cards: PrintedCodeRecord[] = [];
  async insert(card: PrintedCodeRecord) {
    this.cards.push({ ...card });
    return true;
  }
  async findById(id: string) {
    return this.cards.find((c) => c.id === id) ?? null;
  }
  async findByRef(refHex: string) {
    return this.cards.find((c) => c.refHex === refHex) ?? null;
  }
  async listOf(personId: string) {
    return this.cards.filter((c) => c.personId === personId);
  }
  async revoke(id: string, at: number, by: string) {
    const card = this.cards.find((c) => c.id === id && c.revokedAt === null);
    if (card) Object.assign(card, { revokedAt: at, revokedBy: by });
    return Boolean(card);
  }
  async revokedUnexpired(now: number) {
    return this.cards.filter((c) => c.revokedAt !== null && c.expiresAt > now).map((c) => ({ refHex: c.refHex, expiresAt: c.expiresAt }));
  }
}

function setUp(startMs: number) {
  const clock = { ms: startMs };
  const now = () => clock.ms;
  const ring = new KeyRing([{ seed: SEED_A, validFrom: '2026-01-01T00:00:00Z' }, { seed: SEED_B, validFrom: new Date(ROTATION).toISOString() }], 14);
  const refStore = new MemoryRefStore();
  const printedStore = new MemoryPrintedStore();
  const hot = new MemoryHotStore({ now, sweepIntervalMs: 0 });
  const refs = new PersonRefs(refStore, hot, now, (err) => { throw err; });
  const revocations = new RevocationList(printedStore, 5000, now, (err) => { throw err; });
  const service = new PersonalCodeService({
    ring,
    refs,
    printed: new PrintedCardIndex(printedStore),
    revocations,
    directory: {
      requirePersonOf: async () => 'p-1',
      resolveSubject: async () => 'p-1',
      maskedIdentity: async () => ({ name: '李*', idNumber: '1101**********002X' }),
      findByIdNumber: async () => null,
    },
    status: { statusOf: async () => ({ colour: 'red', reasons: [], greenFrom: '2026-06-10' }) },
    audit: { record: async () => undefined } as unknown as AuditLog,
    settings: { liveTtlSeconds: 60, clockSkewSeconds: 30 },
    now,
  });
  return { clock, service, refStore, printedStore, hot, revocations };
}

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'none';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

describe('PersonalCodeService', () => {
  it('issues a 60-second live code and resolves it to the person, from memory the second time', async () => {
    const { service, clock, refStore } = setUp(ROTATION - 10 * DAY + 1234);
    const issued = await service.issueLive('p-1', 'yellow');
    expect(issued.issuedAt).toBe(new Date(ROTATION - 10 * DAY + 1000).toISOString());
    expect(Date.parse(issued.expiresAt) - Date.parse(issued.issuedAt)).toBe(60_000);
    const readsAfterIssue = refStore.reads;
    clock.ms += 59_000;
    expect(await service.resolve(issued.code)).toEqual({ kind: 'live', personId: 'p-1', colourInCode: 'yellow', issuedAt: Date.parse(issued.issuedAt), expiresAt: Date.parse(issued.expiresAt) });
    expect(refStore.reads).toBe(readsAfterIssue);
    clock.ms += 1000;
    expect(await errorOf(service.resolve(issued.code))).toBe('CODE_EXPIRED');
  });

  it('verify answers the masked person and the colour now next to the colour in the code', async () => {
    const { service } = setUp(ROTATION + DAY);
    const issued = await service.issueLive('p-1', 'green');
    expect(await service.verify(issued.code)).toEqual({
      valid: true, kind: 'live', person: { maskedName: '李*', maskedIdNumber: '1101**********002X' }, colour: 'red', codeColour: 'green', reasons: [], issuedAt: issued.issuedAt, expiresAt: issued.expiresAt,
    });
  });

  it('signs with the new key after rotation and still verifies a code the old key signed just before', async () => {
    const { service, clock } = setUp(ROTATION - 20_000);
    const before = await service.issueLive('p-1', 'green');
    clock.ms = ROTATION + 10_000;
    const after = await service.issueLive('p-1', 'green');
    expect(parseCode(before.code).payload.kid).toEqual(signingKeyFromSeed(SEED_A).kid);
    expect(parseCode(after.code).payload.kid).toEqual(signingKeyFromSeed(SEED_B).kid);
    expect((await service.resolve(before.code)).personId).toBe('p-1');
    expect((await service.resolve(after.code)).personId).toBe('p-1');
  });

  it('refuses forged, altered and wrong-key codes', async () => {
    const { service, clock } = setUp(ROTATION + DAY);
    const issued = await service.issueLive('p-1', 'red');
    const { payload } = parseCode(issued.code);
    const t = Math.floor(clock.ms / 1000);
    const forged = signCode({ kind: 'live', colour: 'green', issuedAt: t, expiresAt: t + 60, ref: payload.ref }, { ...signingKeyFromSeed('cc'.repeat(32)), kid: payload.kid });
    expect(await errorOf(service.resolve(forged))).toBe('INVALID_CODE');
    expect(await errorOf(service.resolve(signCode({ kind: 'live', colour: 'green', issuedAt: t, expiresAt: t + 60, ref: payload.ref }, signingKeyFromSeed('cc'.repeat(32)))))).toBe('UNKNOWN_KEY');
    const sig = issued.code.slice(issued.code.lastIndexOf('.') + 1);
    const flipped = issued.code.slice(0, -sig.length) + (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    expect(await errorOf(service.resolve(flipped))).toBe('INVALID_CODE');
    // Validly signed by our key, but a ref that names nobody: lost data, not a person.
    const nobody = signCode({ kind: 'live', colour: 'green', issuedAt: t, expiresAt: t + 60, ref: new Uint8Array(8) }, signingKeyFromSeed(SEED_B));
    expect(await errorOf(service.resolve(nobody))).toBe('INVALID_CODE');
  });

  it('refuses a revoked printed card: at once when revoked here, within the refresh when revoked by another process', async () => {
    const { service, clock, printedStore, revocations } = setUp(ROTATION + DAY);
    const issuedAt = Math.floor(clock.ms / 1000) * 1000;
    const card = (n: number): PrintedCodeRecord => ({ id: `c-${n}`, personId: 'p-1', refHex: String(n).repeat(16), issuedBy: 'a-1', issuedAt, expiresAt: issuedAt + 14 * DAY, revokedAt: null, revokedBy: null });
    const codeOf = (c: PrintedCodeRecord) => signCode({ kind: 'printed', colour: null, issuedAt: c.issuedAt / 1000, expiresAt: c.expiresAt / 1000, ref: Buffer.from(c.refHex, 'hex') }, signingKeyFromSeed(SEED_B));
    const [here, elsewhere] = [card(1), card(2)];
    await printedStore.insert(here);
    await printedStore.insert(elsewhere);
    expect((await service.resolve(codeOf(here))).kind).toBe('printed');
    expect((await service.resolve(codeOf(elsewhere))).colourInCode).toBeNull();

    await printedStore.revoke(here.id, clock.ms, 'a-1');
    revocations.add({ refHex: here.refHex, expiresAt: here.expiresAt });
    expect(await errorOf(service.resolve(codeOf(here)))).toBe('REVOKED');

    // Revoked by another process: this one counts it within the list's refresh …
    await printedStore.revoke(elsewhere.id, clock.ms, 'a-2');
    expect((await service.resolve(codeOf(elsewhere))).personId).toBe('p-1');
    clock.ms += 5000;
    await service.resolve(codeOf(elsewhere)).catch(() => undefined); // starts the background reload
    await new Promise((r) => setImmediate(r));
    expect(await errorOf(service.resolve(codeOf(elsewhere)))).toBe('REVOKED');
    expect((await revocations.list()).items.map((r) => r.refHex).sort()).toEqual([here.refHex, elsewhere.refHex]);

    // … or at once when it reads a card it has never seen and finds it revoked.
    const unseen = card(3);
    await printedStore.insert(unseen);
    await printedStore.revoke(unseen.id, clock.ms, 'a-3');
    expect(await errorOf(service.resolve(codeOf(unseen)))).toBe('REVOKED');
    expect(await revocations.has(unseen.refHex)).toBe(true);
  });

  it('makes one ref per person even when the first issues race, and reads it back from the hot store', async () => {
    const { service, refStore, hot } = setUp(ROTATION + DAY);
    const codes = await Promise.all([1, 2, 3].map(() => service.issueLive('p-9', 'green')));
    const refs = new Set(codes.map((c) => refToHex(parseCode(c.code).payload.ref)));
    expect(refs.size).toBe(1);
    expect([...refStore.rows]).toEqual([['p-9', [...refs][0]]]);
    const other = new PersonRefs(refStore, hot, Date.now, (err) => { throw err; });
    const reads = refStore.reads;
    expect(refToHex(await other.refFor('p-9'))).toBe([...refs][0]);
    expect(await other.personOf([...refs][0])).toBe('p-9');
    expect(refStore.reads).toBe(reads);
  });
});
