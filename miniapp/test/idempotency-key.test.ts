import { IntentKeys, newIdempotencyKey } from '../src/api/idempotency-key';
import { IdempotencyKeyHeader } from '../src/api/mask-contract';

describe('idempotency keys', () => {
  it('match the header the contract asks for (8-64 of [A-Za-z0-9_-])', () => {
    for (let i = 0; i < 200; i += 1) expect(IdempotencyKeyHeader.safeParse(newIdempotencyKey()).success).toBe(true);
  });

  it('holds even with extreme randomness and clock values', () => {
    expect(IdempotencyKeyHeader.safeParse(newIdempotencyKey(() => 0, () => 0)).success).toBe(true);
    expect(IdempotencyKeyHeader.safeParse(newIdempotencyKey(() => 8.64e15, () => 0.999999999)).success).toBe(true);
  });

  it('do not repeat', () => {
    const keys = new Set(Array.from({ length: 5000 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(5000);
  });

  it('one key per intent: kept for a retry, new for another intent or after settling', () => {
    let n = 0;
    const keys = new IntentKeys(() => `key-${++n}-xxxx`);

    const first = keys.keyFor('ph-1|self');
    expect(keys.keyFor('ph-1|self')).toBe(first);
    const other = keys.keyFor('ph-1|person-2');
    expect(other).not.toBe(first);
    expect(keys.keyFor('ph-1|self')).not.toBe(first); // switching back is a new intent
    const again = keys.keyFor('ph-1|self');
    keys.settle();
    expect(keys.keyFor('ph-1|self')).not.toBe(again);
  });
});
