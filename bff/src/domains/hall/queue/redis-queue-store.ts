import { join } from 'node:path';
import type { TicketClass } from '@govpass/shared-types';
import { execReplies } from '../../../infra/hot-store/exec-replies';
import { loadLuaCommands, runLua } from '../../../infra/hot-store/load-lua-commands';
import { toHotStoreError } from '../../../infra/hot-store/hot-store-errors';
import { checkScriptReply, scriptError, ScriptCode } from '../../../infra/hot-store/script-codes';
import type { RedisClient } from '../../../infra/redis/create-redis-client';
import type { ReplicaAck } from '../../../infra/redis/replica-ack';
import { hallDayKeys, type HallDayKeys } from './hall-keys';
import { encodeEffects, type TicketEffects } from './ticket-effects';
import type { QueueCandidate } from './queue-order';
import { QUEUE_TTL_MS, RECENT_CALLS, SERVICE_TIME_SAMPLES, TICKET_CLASSES, type Heads, type QueueState, type QueueStore, type TakeOutcome, type TicketStep } from './queue-store';
import { decodeTicket, encodeTicket, memberTicketId, queueMember, ticketNumber, type NewTicket, type StoredCall, type TicketRecord } from './ticket-record';

function pairs(flat: unknown): Record<string, string> {
  const a = flat as string[];
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < a.length; i += 2) out[a[i]] = a[i + 1];
  return out;
}

function candidatesOf(serviceId: string, ticketClass: TicketClass, withScores: string[]): QueueCandidate[] {
  const out: QueueCandidate[] = [];
  for (let i = 0; i + 1 < withScores.length; i += 2) {
    const member = withScores[i];
    out.push({ ticketId: memberTicketId(member), serviceId, ticketClass, rankAt: Number(withScores[i + 1]), seq: Number(member.slice(0, member.indexOf('|'))) });
  }
  return out;
}

/** Fields of a new ticket's hash without seq/number (the script numbers it). */
function newTicketFields(t: NewTicket): string[] {
  const fields = encodeTicket({ ...t, seq: 0, number: '' });
  const out: string[] = [];
  for (let i = 0; i < fields.length; i += 2) if (fields[i] !== 'seq' && fields[i] !== 'number') out.push(fields[i], fields[i + 1]);
  return out;
}

function ticketOrThrow(reply: unknown): TicketRecord {
  if (typeof reply === 'number') checkScriptReply(reply);
  const t = decodeTicket(pairs(reply));
  if (!t) throw new Error('queue script answered no ticket');
  return t;
}

/**
 * The queue on Redis or Redis Cluster: a hall-day's keys in its durable-stream shard's slot, Lua for
 * every write, each write appending the ticket's new state to the shard's stream in the same step.
 * Answered only once the entry is on the configured replicas (ReplicaAck). A shard without its
 * ready mark (Redis lost it) refuses reads and writes with 503 and asks for a rebuild.
 */
export class RedisQueueStore implements QueueStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly replicaAck: ReplicaAck | null = null,
    /** Called when a shard is found without its ready mark (the runtime rebuilds it). */
    private readonly onNotReady: () => void = () => undefined,
  ) {
    loadLuaCommands(redis, join(__dirname, 'lua'));
  }

  private notReady(): never {
    this.onNotReady();
    throw scriptError(ScriptCode.HALL_NOT_READY);
  }

  private async lua(name: string, k: HallDayKeys, keys: string[], args: (string | number)[]): Promise<unknown> {
    let reply: unknown;
    try {
      reply = await runLua(this.redis, name, keys, args);
    } catch (err) {
      throw toHotStoreError(err);
    }
    const code: unknown = Array.isArray(reply) ? reply[0] : reply;
    if (code === ScriptCode.HALL_NOT_READY) this.notReady();
    // Acknowledged means replicated: the entry (or, for a replay, the earlier one) is on the replicas.
    await this.replicaAck?.acknowledge(k.stream);
    return reply;
  }

  private async read(k: HallDayKeys, m: ReturnType<RedisClient['multi']>): Promise<unknown[]> {
    const r = await execReplies(m.exists(k.ready));
    if (r[r.length - 1] === 0) this.notReady();
    return r;
  }

  async take(t: NewTicket, idem: { subject: string; key: string; fingerprint: string } | null): Promise<TakeOutcome> {
    const hk = hallDayKeys(t.hallId, t.day);
    const k = hk.key;
    const keys = [k(`seq.${t.serviceId}`), k(`t.${t.id}`), k(`q.${t.serviceId}.${t.ticketClass}`), k('held'), k(idem ? `idem.${idem.subject}.${idem.key}` : 'idem.-'), k('ver'), k('hv'), hk.ready, hk.stream];
    const args = [t.id, `${t.personId}|${t.serviceId}`, idem?.fingerprint ?? '', t.ticketPrefix, t.rankAt, QUEUE_TTL_MS, '', ...newTicketFields(t)];
    const reply = (await this.lua('gpHallTakeTicket', hk, keys, args)) as [number, number, string] | [number];
    checkScriptReply(reply[0]);
    if (reply[0] === 0) {
      // A new ticket is what was sent plus its number: no second round trip.
      const { ticketPrefix, ...rest } = t;
      return { ticket: { ...rest, seq: Number(reply[1]), number: ticketNumber(ticketPrefix, Number(reply[1])) }, replayed: false };
    }
    const ticket = await this.get(t.hallId, t.day, reply[2] as string);
    if (!ticket) throw toHotStoreError(new Error('the replayed ticket is gone'));
    return { ticket, replayed: true };
  }

  /** A missing key is either nothing yet or a lost shard: only then is the ready mark asked (a second round trip). */
  private async checkReady(k: HallDayKeys): Promise<void> {
    const ready = await this.redis.exists(k.ready).catch((err: unknown) => { throw toHotStoreError(err); });
    if (ready === 0) this.notReady();
  }

  async get(hallId: string, day: string, ticketId: string): Promise<TicketRecord | null> {
    const k = hallDayKeys(hallId, day);
    const h = await this.redis.hgetall(k.key(`t.${ticketId}`)).catch((err: unknown) => { throw toHotStoreError(err); });
    const t = decodeTicket(h);
    if (!t) await this.checkReady(k);
    return t;
  }

  async version(hallId: string, day: string): Promise<number> {
    const k = hallDayKeys(hallId, day);
    const v = await this.redis.get(k.key('ver')).catch((err: unknown) => { throw toHotStoreError(err); });
    if (v === null) await this.checkReady(k);
    return Number(v ?? 0);
  }

  async state(hallId: string, day: string, serviceIds: readonly string[]): Promise<QueueState> {
    const hk = hallDayKeys(hallId, day);
    const k = hk.key;
    const m = this.redis.multi().get(k('ver')).hgetall(k('win')).lrange(k('calls'), 0, -1);
    for (const s of serviceIds) for (const c of TICKET_CLASSES) m.zrange(k(`q.${s}.${c}`), '0', '-1', 'WITHSCORES');
    for (const s of serviceIds) m.lrange(k(`st.${s}`), 0, -1);
    const r = await this.read(hk, m);
    const waiting: QueueCandidate[] = [];
    let i = 3;
    for (const s of serviceIds) for (const c of TICKET_CLASSES) waiting.push(...candidatesOf(s, c, r[i++] as string[]));
    const serviceTimes = new Map<string, number[]>();
    for (const s of serviceIds) serviceTimes.set(s, (r[i++] as string[]).map(Number));
    return {
      version: Number(r[0] ?? 0),
      waiting,
      current: new Map(Object.entries(r[1] as Record<string, string>)),
      calls: (r[2] as string[]).map((j) => JSON.parse(j) as StoredCall),
      serviceTimes,
    };
  }

  async heads(hallId: string, day: string, windowId: string, serviceIds: readonly string[], depth = 1): Promise<Heads> {
    const hk = hallDayKeys(hallId, day);
    const k = hk.key;
    // The heads counter, not the change counter: a claim checks that no pick-changing step came between.
    // A pipeline, not a transaction (half the replies to parse on the call-next path): the counter
    // is read first, so a step that changes a head after it, even between the reads below, moves
    // the counter and the claim refuses the pick ('moved', read again).
    const m = this.redis.pipeline().get(k('hv')).get(k(`streak.${windowId}`));
    for (const s of serviceIds) for (const c of TICKET_CLASSES) m.zrange(k(`q.${s}.${c}`), '0', String(depth - 1), 'WITHSCORES');
    const r = await this.read(hk, m);
    const candidates: QueueCandidate[] = [];
    let i = 2;
    for (const s of serviceIds) for (const c of TICKET_CLASSES) candidates.push(...candidatesOf(s, c, r[i++] as string[]));
    return { version: Number(r[0] ?? 0), streak: Number(r[1] ?? 0), candidates };
  }

  async claim(hallId: string, day: string, t: QueueCandidate, c: { windowId: string; version: number | null; streak: number | null; call: StoredCall }, effects: TicketEffects | null = null): Promise<TicketRecord | 'moved'> {
    const hk = hallDayKeys(hallId, day);
    const k = hk.key;
    const keys = [k('hv'), k(`streak.${c.windowId}`), k(`t.${t.ticketId}`), k(`q.${t.serviceId}.${t.ticketClass}`), k('win'), k('calls'), k('ver'), hk.ready, hk.stream];
    const args = [c.version ?? '', queueMember(t.seq, t.ticketId), c.streak ?? '', c.windowId, c.call.calledAt ? Date.parse(c.call.calledAt) : Date.now(), JSON.stringify(c.call), QUEUE_TTL_MS, t.ticketId, RECENT_CALLS, encodeEffects(effects)];
    const reply = await this.lua('gpHallClaimTicket', hk, keys, args);
    if (reply === -203) return 'moved';
    return ticketOrThrow(reply);
  }

  async step(hallId: string, day: string, ticket: TicketRecord | string, s: TicketStep, effects: TicketEffects | null = null): Promise<TicketRecord> {
    // The caller's copy (just read) saves a round trip; the script re-checks state and window.
    const t = typeof ticket === 'string' ? await this.get(hallId, day, ticket) : ticket;
    if (!t) checkScriptReply(-205);
    const cur = t as TicketRecord;
    const hk = hallDayKeys(hallId, day);
    const k = hk.key;
    const keys = [k(`t.${cur.id}`), k('ver'), k('win'), k('held'), k('calls'), k(`st.${cur.serviceId}`), k(`q.${cur.serviceId}.${cur.ticketClass}`), k('hv'), hk.ready, hk.stream];
    const args = [`,${s.from.join(',')},`, s.to, s.at, s.windowId, s.stamp ?? '', s.call ? JSON.stringify(s.call) : '', `${cur.personId}|${cur.serviceId}`, queueMember(cur.seq, cur.id), QUEUE_TTL_MS, RECENT_CALLS, SERVICE_TIME_SAMPLES, encodeEffects(effects)];
    return ticketOrThrow(await this.lua('gpHallTicketStep', hk, keys, args));
  }

  async transfer(hallId: string, day: string, ticketId: string, windowId: string, next: NewTicket, effects: TicketEffects | null = null): Promise<{ from: TicketRecord; to: TicketRecord }> {
    const cur = await this.get(hallId, day, ticketId);
    if (!cur) checkScriptReply(-205);
    const old = cur as TicketRecord;
    const hk = hallDayKeys(hallId, day);
    const k = hk.key;
    const keys = [k(`t.${ticketId}`), k(`q.${old.serviceId}.${old.ticketClass}`), k('ver'), k('win'), k('held'), k(`seq.${next.serviceId}`), k(`t.${next.id}`), k(`q.${next.serviceId}.${next.ticketClass}`), k('hv'), hk.ready, hk.stream];
    const args = [windowId, next.takenAt, queueMember(old.seq, ticketId), `${old.personId}|${old.serviceId}`, `${next.personId}|${next.serviceId}`, next.id, next.ticketPrefix, next.rankAt, QUEUE_TTL_MS, encodeEffects(effects), ...newTicketFields(next)];
    checkScriptReply((await this.lua('gpHallTransferTicket', hk, keys, args)) as number);
    const [from, to] = await Promise.all([this.get(hallId, day, ticketId), this.get(hallId, day, next.id)]);
    return { from: from as TicketRecord, to: to as TicketRecord };
  }

  async setClass(hallId: string, day: string, ticketId: string, ticketClass: TicketClass, priority: string[], effects: TicketEffects | null = null): Promise<TicketRecord> {
    const cur = await this.get(hallId, day, ticketId);
    if (!cur) checkScriptReply(-205);
    const t = cur as TicketRecord;
    const hk = hallDayKeys(hallId, day);
    const k = hk.key;
    const keys = [k(`t.${ticketId}`), k(`q.${t.serviceId}.${t.ticketClass}`), k(`q.${t.serviceId}.${ticketClass}`), k('ver'), k('hv'), hk.ready, hk.stream];
    return ticketOrThrow(await this.lua('gpHallSetClass', hk, keys, [queueMember(t.seq, ticketId), ticketClass, priority.join(','), QUEUE_TTL_MS, encodeEffects(effects)]));
  }
}
