import { PriorityReason, TicketClass, TicketState, type BoardCall } from '@govpass/shared-types';

/** A ticket as the hot store and hall_tickets hold it. Times are epoch ms. */
export interface TicketRecord {
  id: string;
  hallId: string;
  day: string;
  serviceId: string;
  seq: number;
  number: string;
  personId: string;
  takenBy: string;
  channel: 'remote' | 'code';
  ticketClass: TicketClass;
  priority: PriorityReason[];
  appointmentId: string | null;
  state: TicketState;
  rankAt: number;
  takenAt: number;
  arrivedAt: number;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  windowId: string | null;
  calls: number;
  etaP50Min: number | null;
  etaP90Min: number | null;
  transferredFrom: string | null;
}

/** A ticket before the store numbers it. */
export type NewTicket = Omit<TicketRecord, 'seq' | 'number'> & { ticketPrefix: string };

/** A call shown on the board: the BoardCall plus what the store needs to find it again. */
export interface StoredCall extends BoardCall {
  ticketId: string;
  serviceId: string;
  windowId: string;
}

/** "A" + 12 → "A012" (at least three digits). */
export function ticketNumber(prefix: string, seq: number): string {
  return prefix + String(seq).padStart(3, '0');
}

/** The waiting sorted set member: seq first (zero-padded), so equal rank times order by number. */
export function queueMember(seq: number, ticketId: string): string {
  return `${String(seq).padStart(6, '0')}|${ticketId}`;
}

export function memberTicketId(member: string): string {
  return member.slice(member.indexOf('|') + 1);
}

const num = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));

/** Field/value pairs of the hot-store hash (nulls as ''). */
export function encodeTicket(t: TicketRecord): string[] {
  return [
    'id', t.id, 'hallId', t.hallId, 'day', t.day, 'serviceId', t.serviceId, 'seq', String(t.seq), 'number', t.number,
    'personId', t.personId, 'takenBy', t.takenBy, 'channel', t.channel, 'cls', t.ticketClass, 'prio', t.priority.join(','),
    'appt', t.appointmentId ?? '', 'state', t.state, 'rankAt', String(t.rankAt), 'takenAt', String(t.takenAt), 'arrivedAt', String(t.arrivedAt),
    'calledAt', String(t.calledAt ?? ''), 'startedAt', String(t.startedAt ?? ''), 'finishedAt', String(t.finishedAt ?? ''),
    'windowId', t.windowId ?? '', 'calls', String(t.calls), 'etaP50', String(t.etaP50Min ?? ''), 'etaP90', String(t.etaP90Min ?? ''), 'from', t.transferredFrom ?? '',
  ];
}

export function decodeTicket(h: Record<string, string>): TicketRecord | null {
  if (!h.id) return null;
  return {
    id: h.id,
    hallId: h.hallId,
    day: h.day,
    serviceId: h.serviceId,
    seq: Number(h.seq),
    number: h.number,
    personId: h.personId,
    takenBy: h.takenBy,
    channel: h.channel === 'code' ? 'code' : 'remote',
    ticketClass: TicketClass.parse(h.cls),
    priority: h.prio ? h.prio.split(',').map((p) => PriorityReason.parse(p)) : [],
    appointmentId: h.appt || null,
    state: TicketState.parse(h.state),
    rankAt: Number(h.rankAt),
    takenAt: Number(h.takenAt),
    arrivedAt: Number(h.arrivedAt),
    calledAt: num(h.calledAt),
    startedAt: num(h.startedAt),
    finishedAt: num(h.finishedAt),
    windowId: h.windowId || null,
    calls: Number(h.calls ?? 0),
    etaP50Min: num(h.etaP50),
    etaP90Min: num(h.etaP90),
    transferredFrom: h.from || null,
  };
}
