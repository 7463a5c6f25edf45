import { hashTagOf, keyGroup, keyPart } from '../../../infra/hot-store/keys';
import { utf8Bytes } from '@govpass/shared-types';
import { crc32 } from './crc32';
import { MASK_OUTBOX, MASK_SHARDS, allShardKeys, pharmacyKeys, pharmacyShard, personKeys, shardKeys } from './mask-keys';

describe('crc32', () => {
  it('is the standard IEEE CRC-32 (check value and known strings)', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('')).toBe(0);
    expect(crc32('The quick brown fox jumps over the lazy dog')).toBe(0x414fa339);
  });

  it('hashes the UTF-8 bytes, as TextEncoder would encode them', () => {
    for (const s of ['药店-朝阳-01', 'pharmacy 🏥', 'a\ud800b', 'é']) {
      expect([...utf8Bytes(s)]).toEqual([...new TextEncoder().encode(s)]);
    }
  });
});

describe('mask keys', () => {
  it('puts a pharmacy on a stable shard in 0…63', () => {
    expect(pharmacyShard('123456789')).toBe(0xcbf43926 % 64);
    const shards = Array.from({ length: 2000 }, (_, i) => pharmacyShard(`pharmacy-${i}`));
    expect(shards.every((s) => Number.isInteger(s) && s >= 0 && s < MASK_SHARDS)).toBe(true);
    expect(new Set(shards).size).toBe(MASK_SHARDS);
    expect(() => pharmacyShard('')).toThrow(TypeError);
  });

  it('builds the documented key shapes', () => {
    expect(shardKeys(7).outbox).toBe('mq:{7}:outbox');
    expect(shardKeys(7).remaining('r1', 'p1')).toBe('mq:{7}:remaining%3Ar1%3Ap1');
    expect(personKeys('u1')).toMatchObject({ hold: 'mp:{u1}:hold', repeatUntil: 'mp:{u1}:repeat-until', noIdempotency: 'mp:{u1}:no-idem' });
    expect(personKeys('u1').idempotency('acct', 'k-1')).toBe('mp:{u1}:idem%3Aacct%3Ak-1');
  });

  it('keeps the outbox on its pre-durable-stream keys and partition (live data, the booking scripts XADD there)', () => {
    expect(MASK_OUTBOX.shardCount).toBe(MASK_SHARDS);
    expect(MASK_OUTBOX.allShards().map((s) => s.stream)).toEqual(Array.from({ length: MASK_SHARDS }, (_, i) => `mq:{${i}}:outbox`));
    expect(MASK_OUTBOX.shard(7).key('x')).toBe('mq:{7}:x');
    for (const p of ['pharmacy-1', '123456789', '药店-朝阳-01']) expect(MASK_OUTBOX.shardOf(p).stream).toBe(pharmacyKeys('r', p).outbox);
  });

  it('keeps the counter and the outbox of a pharmacy in its shard’s slot', () => {
    const k = pharmacyKeys('round-1', 'pharmacy-42');
    expect(hashTagOf(k.remaining)).toBe(String(pharmacyShard('pharmacy-42')));
    expect(hashTagOf(k.outbox)).toBe(hashTagOf(k.remaining));
  });

  it('keeps every key of a person in one slot, whatever the input', () => {
    const p = personKeys('person:{x}');
    const tags = [p.hold, p.repeatUntil, p.noIdempotency, p.idempotency('a:{b}', '}{evil:'), p.idempotency('a', 'b')].map(hashTagOf);
    expect(new Set(tags)).toEqual(new Set(['person%3A%7Bx%7D']));
  });

  it('never lets two different id pairs share a key', () => {
    const s = shardKeys(0);
    expect(s.remaining('r:1', 'p')).not.toBe(s.remaining('r', '1:p'));
    expect(s.remaining('r%3A1', 'p')).not.toBe(s.remaining('r:1', 'p'));
    const p = personKeys('u');
    expect(p.idempotency('a:b', 'c')).not.toBe(p.idempotency('a', 'b:c'));
  });

  it('builds person keys exactly as keyGroup would, escapes included', () => {
    for (const id of ['u1', 'person:{x}', '50%', '张三']) {
      const k = keyGroup('mp', id);
      const p = personKeys(id);
      expect([p.hold, p.repeatUntil, p.noIdempotency, p.idempotency('a:{b}', 'k%1')]).toEqual([k('hold'), k('repeat-until'), k('no-idem'), k(`idem:${keyPart('a:{b}')}:${keyPart('k%1')}`)]);
    }
  });

  it('gives the same pharmacy keys from its cache as freshly built ones, per round and pharmacy', () => {
    const fresh = (round: string, pharmacy: string) => ({ shard: pharmacyShard(pharmacy), remaining: shardKeys(pharmacyShard(pharmacy)).remaining(round, pharmacy), outbox: shardKeys(pharmacyShard(pharmacy)).outbox, closed: shardKeys(pharmacyShard(pharmacy)).closed(round) });
    for (const [round, pharmacy] of [['r1', 'p1'], ['r1', 'p2'], ['r2', 'p1'], ['r\u0000', 'p'], ['r', '\u0000p']]) {
      expect(pharmacyKeys(round, pharmacy)).toEqual(fresh(round, pharmacy));
      expect(pharmacyKeys(round, pharmacy)).toEqual(fresh(round, pharmacy)); // the cached copy
    }
  });

  it('puts a round\'s closed marker in each shard\'s slot, beside that shard\'s counters', () => {
    const keys = pharmacyKeys('r1', 'p1');
    expect(keys.closed).toBe(shardKeys(keys.shard).closed('r1'));
    expect(keys.closed.slice(0, keys.closed.indexOf('}') + 1)).toBe(keys.remaining.slice(0, keys.remaining.indexOf('}') + 1));
    expect(new Set(allShardKeys().map((s) => s.closed('r1'))).size).toBe(64);
  });

  it('lists all 64 shards once', () => {
    const all = allShardKeys();
    expect(all.map((s) => s.shard)).toEqual(Array.from({ length: 64 }, (_, i) => i));
    expect(new Set(all.map((s) => s.outbox)).size).toBe(64);
    expect(() => shardKeys(64)).toThrow(RangeError);
  });
});
