import { join } from 'node:path';
import { Cluster } from 'ioredis';
import { loadLuaCommands, luaCommand, runLua } from '../../../infra/hot-store/load-lua-commands';
import type { RedisClient } from '../../../infra/redis/create-redis-client';
import { withRedisRetry } from '../../../infra/redis/redis-retry';
import type { PersonKeys } from './mask-keys';
import type { SessionGate } from './mask-hot-path';

/** This folder's scripts: book-single.lua → gpBookSingle, hold-person.lua → gpHoldPerson … */
export const MASK_LUA_DIR = join(__dirname, 'lua');

/** `{status, …data}` as the scripts return it: status ≥ 0 success, < 0 a MaskScriptCode. */
export type ScriptTable = [number, ...(string | number | null)[]];

export interface IdempotencyArgs {
  /** The record's key, or the group's no-idem key when the request has no Idempotency-Key. */
  key: string;
  /** Request fingerprint; '' without Idempotency-Key (the scripts then ignore `key`). */
  fingerprint: string;
}

export function idempotencyArgs(person: PersonKeys, accountId: string, idempotencyKey: string | null, fingerprint: string): IdempotencyArgs {
  return idempotencyKey === null
    ? { key: person.noIdempotency, fingerprint: '' }
    : { key: person.idempotency(accountId, idempotencyKey), fingerprint };
}

/**
 * One typed call per mask script: the only place that knows each script's KEYS/ARGV order.
 * Every call but bookSingle goes through runLua, which checks that the keys share a slot.
 */
export class MaskScripts {
  constructor(private readonly client: RedisClient) {
    loadLuaCommands(client, MASK_LUA_DIR);
  }

  /**
   * book-single.lua touches a person group and a pharmacy shard together, which only a
   * standalone server can run atomically; runLua's one-slot check would (rightly) refuse it, so
   * it is sent directly — and never to a Cluster. Without a gate the gate's three keys are
   * placeholders the script does not touch.
   */
  async bookSingle(
    keys: { hold: string; repeatUntil: string; idempotency: string; remaining: string; outbox: string; shortSeq: string; closed: string },
    args: { reservationId: string; now: number; fingerprint: string; json: string; idempotencyTtlMs: number; shortSeqExpiresAt: number },
    gate?: SessionGate,
  ): Promise<ScriptTable> {
    if (this.client instanceof Cluster) throw new TypeError('book-single.lua is for standalone Redis only (Cluster runs the saga)');
    const command = luaCommand<ScriptTable>(this.client, 'gpBookSingle');
    const unused = { key: keys.hold, limit: 0, windowMs: 0 };
    const [ip, account] = gate?.limits ?? [unused, unused];
    const argv: (string | number)[] = [
      keys.hold,
      keys.repeatUntil,
      keys.idempotency,
      keys.remaining,
      keys.outbox,
      gate?.sessionKey ?? keys.hold,
      ip.key,
      account.key,
      keys.shortSeq,
      keys.closed,
      args.reservationId,
      args.now,
      args.fingerprint,
      args.json,
      args.idempotencyTtlMs,
      gate?.personId ?? '',
      ip.limit,
      ip.windowMs,
      account.limit,
      account.windowMs,
      args.shortSeqExpiresAt,
    ];
    // Outside runLua, so its retry is here: repeated only when Redis did not run it (LOADING, BUSY;
    // NOSCRIPT is answered by sending it as EVAL); a booking that may have run is never sent twice.
    return withRedisRetry(this.client, () => command(...argv), { idempotent: false });
  }

  async holdPerson(
    person: PersonKeys,
    idem: IdempotencyArgs,
    args: { reservationId: string; now: number; json: string; pendingTtlMs: number; leaseMs: number; shard: number; fenced?: string },
  ): Promise<ScriptTable> {
    return runLua(this.client, 'gpHoldPerson', [person.hold, person.repeatUntil, idem.key, person.lease], [
      args.reservationId,
      args.now,
      idem.fingerprint,
      args.json,
      args.pendingTtlMs,
      args.leaseMs,
      args.shard,
      args.fenced ?? '',
    ]);
  }

  async checkPerson(person: PersonKeys, idem: IdempotencyArgs, now: number): Promise<ScriptTable> {
    return runLua(this.client, 'gpCheckPerson', [person.hold, person.repeatUntil, idem.key], [now, idem.fingerprint]);
  }

  /**
   * `unit` = shardKeys(shard).unit(reservationId): makes the step idempotent per reservation;
   * `shortSeq`: the pharmacy × pickup day's short-code sequence (same shard).
   */
  async reserveUnit(
    pharmacy: { remaining: string; outbox: string; closed: string },
    unit: string,
    shortSeq: { key: string; expiresAt: number },
    json: string,
    unitTtlMs: number,
  ): Promise<ScriptTable> {
    return runLua(this.client, 'gpReserveUnit', [pharmacy.remaining, pharmacy.outbox, unit, shortSeq.key, pharmacy.closed], [json, unitTtlMs, shortSeq.expiresAt]);
  }

  /** Settles an attempt's unit: {1, remaining, shortSeq} it was taken, {0} it never will be. */
  async fenceUnit(unit: string, unitTtlMs: number): Promise<ScriptTable> {
    return runLua(this.client, 'gpFenceUnit', [unit], [unitTtlMs]);
  }

  async confirmHold(
    person: PersonKeys,
    idem: IdempotencyArgs,
    args: { reservationId: string; json: string; remaining: number; idempotencyTtlMs: number },
  ): Promise<boolean> {
    const mine = await runLua<number>(this.client, 'gpConfirmHold', [person.hold, idem.key, person.lease], [
      args.reservationId,
      idem.fingerprint,
      args.json,
      args.remaining,
      args.idempotencyTtlMs,
    ]);
    return mine === 1;
  }

  async releaseHold(person: PersonKeys, idem: IdempotencyArgs, reservationId: string): Promise<boolean> {
    return (await runLua<number>(this.client, 'gpReleaseHold', [person.hold, idem.key, person.lease], [reservationId])) === 1;
  }

  async dropHold(person: PersonKeys, reservationId: string, tombstoneTtlMs: number): Promise<boolean> {
    return (await runLua<number>(this.client, 'gpDropHold', [person.hold], [reservationId, tombstoneTtlMs])) === 1;
  }

  async redeemed(person: PersonKeys, reservationId: string, tombstoneTtlMs: number, repeatUntil: number): Promise<boolean> {
    const dropped = await runLua<number>(this.client, 'gpRedeemed', [person.hold, person.repeatUntil], [
      reservationId,
      tombstoneTtlMs,
      repeatUntil,
    ]);
    return dropped === 1;
  }

  /** The new remaining (never below 0), or null when the counter is missing (nothing was done). */
  async adjustRemaining(remainingKey: string, delta: number): Promise<number | null> {
    const [adjusted, remaining] = await runLua<[number, number?]>(this.client, 'gpAdjustRemaining', [remainingKey], [delta]);
    return adjusted === 1 ? Number(remaining) : null;
  }

  async resolveConflict(person: PersonKeys, refusedId: string, activeId: string | null): Promise<boolean> {
    return (await runLua<number>(this.client, 'gpResolveConflict', [person.hold], [refusedId, activeId ?? ''])) === 1;
  }

  async restorePerson(person: PersonKeys, activeReservationId: string | null, repeatUntil: number | null): Promise<boolean> {
    const wrote = await runLua<number>(this.client, 'gpRestorePerson', [person.hold, person.repeatUntil], [
      activeReservationId ?? '',
      repeatUntil ?? 0,
    ]);
    return wrote === 1;
  }
}
