import { join } from 'node:path';
import type { TicketClass } from '@govpass/shared-types';
import { hallQueueKeys } from '../../../infra/hot-store/keys';
import { loadLuaCommands, runLua } from '../../../infra/hot-store/load-lua-commands';
import { toHotStoreError } from '../../../infra/hot-store/hot-store-errors';
import { checkScriptReply } from '../../../infra/hot-store/script-codes';
import type { RedisClient } from '../../../infra/redis/create-redis-client';
import type { QueueCandidate } from './queue-order';
import { QUEUE_TTL_MS, RECENT_CALLS, SERVICE_TIME_SAMPLES, TICKET_CLASSES, type Heads, type QueueState, type QueueStore, type TakeOutcome, type TicketStep } from './queue-store';
import { decodeTicket, encodeTicket, memberTicketId, queueMember, ticketNumber, type NewTicket, type StoredCall, type TicketRecord } from './ticket-record';

type Reply = [Error | null, unknown][] | null;

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

function results(reply: Reply): unknown[] {
  if (!reply) throw toHotStoreError(new Error('transaction aborted'));
  return reply.map(([err, value]) => {
    if (err) throw toHotStoreError(err);
    return value;
  });
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

/** The queue on Redis or Redis Cluster: one hash tag per hall-day, Lua for every write. */
export class RedisQueueStore implements QueueStore {
  constructor(private readonly redis: RedisClient) {
    loadLuaCommands(redis, join(__dirname, 'lua'));
  }

  private async lua(name: string, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await runLua(this.redis, name, keys, args);
    } catch (err) {
      throw toHotStoreError(err);
    }
  }

  async take(t: NewTicket, idem: { subject: string; key: string; fingerprint: string } | null): Promise<TakeOutcome> {
    const k = hallQueueKeys(t.hallId, t.day);
    const keys = [k(`seq.${t.serviceId}`), k(`t.${t.id}`), k(`q.${t.serviceId}.${t.ticketClass}`), k('held'), k(idem ? `idem.${idem.subject}.${idem.key}` : 'idem.-'), k('ver')];
    const args = [t.id, `${t.personId}|${t.serviceId}`, idem?.fingerprint ?? '', t.ticketPrefix, t.rankAt, QUEUE_TTL_MS, ...newTicketFields(t)];
    const reply = (await this.lua('gpHallTakeTicket', keys, args)) as [number, number, string] | [number];
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

  async get(hallId: string, day: string, ticketId: string): Promise<TicketRecord | null> {
    try {
      return decodeTicket(await this.redis.hgetall(hallQueueKeys(hallId, day)(`t.${ticketId}`)));
    } catch (err) {
      throw toHotStoreError(err);
    }
  }

  async version(hallId: string, day: string): Promise<number> {
    try {
      return Number((await this.redis.get(hallQueueKeys(hallId, day)('ver'))) ?? 0);
    } catch (err) {
      throw toHotStoreError(err);
    }
  }

  async state(hallId: string, day: string, serviceIds: readonly string[]): Promise<QueueState> {
    const k = hallQueueKeys(hallId, day);
    const m = this.redis.multi().get(k('ver')).hgetall(k('win')).lrange(k('calls'), 0, -1);
    for (const s of serviceIds) for (const c of TICKET_CLASSES) m.zrange(k(`q.${s}.${c}`), '0', '-1', 'WITHSCORES');
    for (const s of serviceIds) m.lrange(k(`st.${s}`), 0, -1);
    const r = results(await m.exec().catch((err: unknown) => { throw toHotStoreError(err); }));
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
    const k = hallQueueKeys(hallId, day);
    const m = this.redis.multi().get(k('ver')).get(k(`streak.${windowId}`));
    for (const s of serviceIds) for (const c of TICKET_CLASSES) m.zrange(k(`q.${s}.${c}`), '0', String(depth - 1), 'WITHSCORES');
    const r = results(await m.exec().catch((err: unknown) => { throw toHotStoreError(err); }));
    const candidates: QueueCandidate[] = [];
    let i = 2;
    for (const s of serviceIds) for (const c of TICKET_CLASSES) candidates.push(...candidatesOf(s, c, r[i++] as string[]));
    return { version: Number(r[0] ?? 0), streak: Number(r[1] ?? 0), candidates };
  }

  async claim(hallId: string, day: string, t: QueueCandidate, c: { windowId: string; version: number | null; streak: number | null; call: StoredCall }): Promise<TicketRecord | 'moved'> {
    const k = hallQueueKeys(hallId, day);
    const keys = [k('ver'), k(`streak.${c.windowId}`), k(`t.${t.ticketId}`), k(`q.${t.serviceId}.${t.ticketClass}`), k('win'), k('calls')];
    const args = [c.version ?? '', queueMember(t.seq, t.ticketId), c.streak ?? '', c.windowId, c.call.calledAt ? Date.parse(c.call.calledAt) : Date.now(), JSON.stringify(c.call), QUEUE_TTL_MS, t.ticketId, RECENT_CALLS];
    const reply = await this.lua('gpHallClaimTicket', keys, args);
    if (reply === -203) return 'moved';
    return ticketOrThrow(reply);
  }

  async step(hallId: string, day: string, ticketId: string, s: TicketStep): Promise<TicketRecord> {
    const t = await this.get(hallId, day, ticketId);
    if (!t) checkScriptReply(-205);
    const cur = t as TicketRecord;
    const k = hallQueueKeys(hallId, day);
    const keys = [k(`t.${ticketId}`), k('ver'), k('win'), k('held'), k('calls'), k(`st.${cur.serviceId}`), k(`q.${cur.serviceId}.${cur.ticketClass}`)];
    const args = [`,${s.from.join(',')},`, s.to, s.at, s.windowId, s.stamp ?? '', s.call ? JSON.stringify(s.call) : '', `${cur.personId}|${cur.serviceId}`, queueMember(cur.seq, ticketId), QUEUE_TTL_MS, RECENT_CALLS, SERVICE_TIME_SAMPLES];
    return ticketOrThrow(await this.lua('gpHallTicketStep', keys, args));
  }

  async transfer(hallId: string, day: string, ticketId: string, windowId: string, next: NewTicket): Promise<{ from: TicketRecord; to: TicketRecord }> {
    const cur = await this.get(hallId, day, ticketId);
    if (!cur) checkScriptReply(-205);
    const old = cur as TicketRecord;
    const k = hallQueueKeys(hallId, day);
    const keys = [k(`t.${ticketId}`), k(`q.${old.serviceId}.${old.ticketClass}`), k('ver'), k('win'), k('held'), k(`seq.${next.serviceId}`), k(`t.${next.id}`), k(`q.${next.serviceId}.${next.ticketClass}`)];
    const args = [windowId, next.takenAt, queueMember(old.seq, ticketId), `${old.personId}|${old.serviceId}`, `${next.personId}|${next.serviceId}`, next.id, next.ticketPrefix, next.rankAt, QUEUE_TTL_MS, ...newTicketFields(next)];
    checkScriptReply((await this.lua('gpHallTransferTicket', keys, args)) as number);
    const [from, to] = await Promise.all([this.get(hallId, day, ticketId), this.get(hallId, day, next.id)]);
    return { from: from as TicketRecord, to: to as TicketRecord };
  }

  async setClass(hallId: string, day: string, ticketId: string, ticketClass: TicketClass, priority: string[]): Promise<TicketRecord> {
    const cur = await this.get(hallId, day, ticketId);
    if (!cur) checkScriptReply(-205);
    const t = cur as TicketRecord;
    const k = hallQueueKeys(hallId, day);
    const keys = [k(`t.${ticketId}`), k(`q.${t.serviceId}.${t.ticketClass}`), k(`q.${t.serviceId}.${ticketClass}`), k('ver')];
    return ticketOrThrow(await this.lua('gpHallSetClass', keys, [queueMember(t.seq, ticketId), ticketClass, priority.join(','), QUEUE_TTL_MS]));
  }
}
