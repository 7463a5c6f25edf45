import { API_BASE } from '../../api/api-base';
import { isApiError } from '../../api/api-error';
import { appointmentApi, hallApi } from '../../api/hall-api';
import { healthApi } from '../../api/health-api';
import { fillPath } from '../../api/fill-path';
import {
  BoardEvent,
  BoardView,
  hallRoutes,
  ratingGrades,
  SUGGESTED_RATING_TAGS,
  type Appointment as WireAppointment,
  type HallSummary,
  type StaffTicket,
  type TicketView,
  type WaitlistEntry,
} from '../../api/hall-contract';
import type { HallGateway } from './hall-gateway';
import type { Appointment, Board, BoardCall, Hall, Ticket } from './hall-view';

/*
 * The hall pages' gateway over HTTP: the shared contracts' clients, answers turned into the pages'
 * view types (hall-view.ts). Hall and service names that appointments carry only as ids are
 * filled in from the hall list.
 */

export function toHall(h: HallSummary): Hall {
  return {
    id: h.id,
    name: h.name,
    address: h.address,
    district: h.district,
    distanceM: h.distanceMetres,
    hours: h.openingHours.map((p) => ({ weekday: p.weekday, open: p.open, close: p.close })),
    openNow: h.openNow,
    remoteTickets: h.remoteTickets,
    services: h.services.map((s) => ({
      id: s.id,
      name: s.name,
      category: s.category,
      prefix: s.ticketPrefix,
      durationMin: s.expectedMinutes,
      appointment: s.appointmentMode,
      materials: s.materials.map((m) => ({ name: m.name, required: m.required, note: m.note ?? null })),
      waiting: s.waiting,
    })),
  };
}

export function toTicket(t: TicketView): Ticket {
  return {
    id: t.id,
    number: t.number,
    hallId: t.hallId,
    hallName: t.hallName,
    serviceId: t.serviceId,
    serviceName: t.serviceName,
    status: t.state,
    ahead: t.ahead,
    windowLabel: t.window ? String(t.window.number) : null,
    eta: t.eta ? { typicalMin: t.eta.p50Min, worstMin: t.eta.p90Min } : null,
    takenAt: t.takenAt,
    calledAt: t.calledAt,
    nowServing: t.nowServing.map((n) => n.number),
    fromAppointment: t.ticketClass === 'appointment',
    priority: t.ticketClass === 'priority',
    personName: null,
    waitedMin: null,
  };
}

export function staffTicket(t: StaffTicket, hall: { id: string; name: string }, windowLabel: string | null): Ticket {
  return {
    id: t.id,
    number: t.number,
    hallId: hall.id,
    hallName: hall.name,
    serviceId: t.serviceId,
    serviceName: t.serviceName,
    status: t.state,
    ahead: null,
    windowLabel,
    eta: null,
    takenAt: t.arrivedAt,
    calledAt: t.calledAt,
    nowServing: [],
    fromAppointment: t.ticketClass === 'appointment',
    priority: t.priority.length > 0 || t.ticketClass === 'priority',
    priorityReasons: t.priority,
    personName: t.maskedName,
    waitedMin: t.waitedMin,
  };
}

function toBoard(b: BoardView): Board {
  const call = (c: BoardView['recentCalls'][number]): BoardCall => ({ id: c.callId, ticket: c.number, windowLabel: String(c.windowNumber), at: c.calledAt });
  const calling = b.nowCalling.map(call);
  const shown = new Set(calling.map((c) => c.id));
  return {
    hallName: b.hallName,
    calling,
    recent: b.recentCalls.map(call).filter((c) => !shown.has(c.id)),
    waiting: b.waiting.map((w) => ({ serviceName: w.serviceName, prefix: w.ticketPrefix, count: w.waiting })),
  };
}

type Names = Map<string, { hall: Hall; service: Hall['services'][number] | undefined }>;

function namesOf(halls: Hall[]): Names {
  const names: Names = new Map();
  for (const hall of halls) for (const service of hall.services) names.set(`${hall.id}|${service.id}`, { hall, service });
  for (const hall of halls) if (!names.has(hall.id)) names.set(hall.id, { hall, service: undefined });
  return names;
}

function toAppointment(a: WireAppointment, names: Names, ticketId: string | null): Appointment {
  const known = names.get(`${a.hallId}|${a.serviceId}`) ?? names.get(a.hallId);
  return {
    id: a.id,
    hallId: a.hallId,
    hallName: known?.hall.name ?? '办事大厅',
    hallAddress: known?.hall.address ?? null,
    serviceId: a.serviceId,
    serviceName: known?.service?.name ?? '办理事项',
    date: a.date,
    slotStart: a.start,
    slotEnd: a.end,
    status: a.status,
    personId: a.personId,
    personName: a.maskedName,
    changeableUntil: a.status === 'booked' ? a.cancellableUntil : null,
    waitlistPosition: null,
    fromWaitlist: a.source === 'waitlist',
    ticketId,
  };
}

function waitlistAppointment(w: WaitlistEntry, names: Names): Appointment {
  const known = names.get(`${w.hallId}|${w.serviceId}`) ?? names.get(w.hallId);
  return {
    id: w.id,
    hallId: w.hallId,
    hallName: known?.hall.name ?? '办事大厅',
    hallAddress: known?.hall.address ?? null,
    serviceId: w.serviceId,
    serviceName: known?.service?.name ?? '办理事项',
    date: w.date,
    slotStart: w.start,
    slotEnd: w.end,
    status: 'waitlisted',
    personId: w.personId,
    personName: w.maskedName,
    // Leaving a waitlist is always allowed while waiting.
    changeableUntil: w.status === 'waiting' ? '9999-12-31T00:00:00.000Z' : null,
    waitlistPosition: w.position,
    fromWaitlist: false,
    ticketId: null,
  };
}

async function hallNames(): Promise<Names> {
  try {
    const res = await hallApi.call('listHalls', { query: {} });
    return namesOf(res.items.map(toHall));
  } catch {
    return new Map();
  }
}

export const httpHallGateway: HallGateway = {
  async listHalls(position) {
    const res = await hallApi.call('listHalls', { query: { lat: position?.lat, lng: position?.lng } });
    return res.items.map(toHall);
  },
  async getHall(hallId) {
    return toHall((await hallApi.call('getHall', { params: { hallId } })).hall);
  },
  async slots(hallId, serviceId, date) {
    const res = await appointmentApi.call('hallSlots', { params: { hallId }, query: { serviceId, date } });
    return {
      date: res.date,
      open: res.open,
      bookableFrom: res.bookableFrom,
      bookableTo: res.bookableTo,
      slots: res.slots.map((s) => ({
        id: `${res.date}|${s.start}`,
        date: res.date,
        start: s.start,
        end: s.end,
        capacity: s.capacity,
        remaining: s.available,
        waitlist: s.waiting,
        bookable: s.bookable,
      })),
    };
  },
  async book(input, idempotencyKey) {
    const res = await appointmentApi.call('bookAppointment', {
      body: { hallId: input.hallId, serviceId: input.serviceId, date: input.slot.date, start: input.slot.start, personId: input.personId ?? undefined },
      headers: { 'idempotency-key': idempotencyKey },
    });
    return toAppointment(res.appointment, await hallNames(), null);
  },
  async joinWaitlist(input) {
    const res = await appointmentApi.call('joinWaitlist', {
      body: { hallId: input.hallId, serviceId: input.serviceId, date: input.slot.date, start: input.slot.start, personId: input.personId ?? undefined },
    });
    const names = await hallNames();
    if (res.appointment) return toAppointment(res.appointment, names, null);
    if (!res.entry) throw new Error('waitlist answer without entry');
    return waitlistAppointment(res.entry, names);
  },
  async myAppointments() {
    const [res, names, tickets] = await Promise.all([
      appointmentApi.call('myAppointments', { query: { scope: 'upcoming' } }),
      hallNames(),
      hallApi.call('myTickets').catch(() => ({ items: [] as TicketView[] })),
    ]);
    const ticketOf = (id: string) => tickets.items.find((t) => t.appointmentId === id)?.id ?? null;
    return [
      ...res.items.map((a) => toAppointment(a, names, ticketOf(a.id))),
      ...res.waitlist.filter((w) => w.status === 'waiting').map((w) => waitlistAppointment(w, names)),
    ];
  },
  async cancelAppointment(id) {
    return toAppointment((await appointmentApi.call('cancelAppointment', { params: { id } })).appointment, await hallNames(), null);
  },
  async reschedule(id, slot) {
    const res = await appointmentApi.call('rescheduleAppointment', { params: { id }, body: { date: slot.date, start: slot.start } });
    return toAppointment(res.appointment, await hallNames(), null);
  },
  async declineOffer(id) {
    return toAppointment((await appointmentApi.call('declineOffer', { params: { id } })).appointment, await hallNames(), null);
  },
  async leaveWaitlist(id) {
    await appointmentApi.call('leaveWaitlist', { params: { id } });
  },
  async personalCode(personId) {
    const res = await healthApi.call('healthCode', { query: { personId: personId ?? undefined } });
    return { code: res.code, maskedName: res.person.maskedName, expiresAt: res.expiresAt };
  },
  async takeTicket(input, idempotencyKey) {
    const res = await hallApi.call('takeTicket', {
      params: { hallId: input.hallId },
      body: { mode: 'remote', serviceId: input.serviceId, location: input.position ?? undefined },
      headers: { 'idempotency-key': idempotencyKey },
    });
    return toTicket(res.ticket);
  },
  async ticket(id) {
    return toTicket((await hallApi.call('getTicket', { params: { id } })).ticket);
  },
  async myTickets() {
    return (await hallApi.call('myTickets')).items.map(toTicket);
  },
  async rate(ticketId, rating) {
    await appointmentApi.call('rateVisit', {
      params: { id: ticketId },
      body: { grade: ratingGrades[5 - rating.grade], tags: rating.tags.length > 0 ? rating.tags : undefined, comment: rating.comment.trim() || undefined },
    });
  },
  async isRated(ticketId) {
    try {
      await appointmentApi.call('visitRating', { params: { id: ticketId } });
      return true;
    } catch (e) {
      if (isApiError(e) && e.code === 'RATING_NOT_FOUND') return false;
      throw e;
    }
  },
  ratingTags: SUGGESTED_RATING_TAGS,
  async hallWindows(hallId) {
    const res = await hallApi.call('getHall', { params: { hallId } });
    return {
      hall: toHall(res.hall),
      windows: [...res.windows].sort((a, b) => a.number - b.number).map((w) => ({ id: w.id, label: String(w.number), name: w.name })),
    };
  },
  async windowDesk(windowId) {
    const res = await hallApi.call('windowConsole', { params: { windowId } });
    const hallRes = await hallApi.call('getHall', { params: { hallId: res.window.hallId } });
    const hall = { id: hallRes.hall.id, name: hallRes.hall.name };
    const label = String(res.window.number);
    const services = hallRes.hall.services.map((s) => ({ id: s.id, name: s.name }));
    const current = res.current[0] ?? null;
    return {
      id: res.window.id,
      hallId: res.window.hallId,
      hallName: hall.name,
      label,
      name: res.window.name,
      status: res.window.status,
      services: services.filter((s) => res.window.serviceIds.includes(s.id)),
      hallServices: services,
      current: current ? staffTicket(current, hall, label) : null,
      queue: res.waiting.map((t) => staffTicket(t, hall, null)),
      waiting: res.waitingTotal,
    };
  },
  async callNext(windowId) {
    const res = await hallApi.call('callNext', { params: { windowId } });
    return res.ticket ? staffTicket(res.ticket, { id: '', name: '' }, null) : null;
  },
  async ticketAction(ticketId, action, windowId) {
    const name = ({ recall: 'recallTicket', skip: 'skipTicket', start: 'startTicket', complete: 'completeTicket' } as const)[action];
    const res = await hallApi.call(name, { params: { id: ticketId }, body: { windowId } });
    return staffTicket(res.ticket, { id: '', name: '' }, null);
  },
  async transfer(ticketId, serviceId, windowId) {
    const res = await hallApi.call('transferTicket', { params: { id: ticketId }, body: { windowId, serviceId } });
    return staffTicket(res.to, { id: '', name: '' }, null);
  },
  async setWindowStatus(windowId, status) {
    await hallApi.call('setWindowStatus', { params: { windowId }, body: { status } });
  },
  async callChosen(windowId, ticketId, reason) {
    const res = await hallApi.call('callChosen', { params: { windowId }, body: { ticketId, reason } });
    return staffTicket(res.ticket, { id: '', name: '' }, null);
  },
  async setPriority(ticketId, reasons) {
    const res = await hallApi.call('setTicketPriority', { params: { id: ticketId }, body: { priority: reasons } });
    return staffTicket(res.ticket, { id: '', name: '' }, null);
  },
  async signIn(windowId, takeOver) {
    await hallApi.call('signInWindow', { params: { windowId }, body: { takeOver } });
  },
  async signOut(windowId) {
    await hallApi.call('signOutWindow', { params: { windowId } });
  },
  async ticketForCode(input, idempotencyKey) {
    const res = await hallApi.call('takeTicket', {
      params: { hallId: input.hallId },
      body: { mode: 'code', serviceId: input.serviceId, code: input.code },
      headers: { 'idempotency-key': idempotencyKey },
    });
    return toTicket(res.ticket);
  },
  async board(hallId) {
    return toBoard(await hallApi.call('board', { params: { hallId } }));
  },
  boardStreamUrl: (hallId) => `${API_BASE}${fillPath(hallRoutes.boardEvents.path, { hallId })}`,
  parseBoardEvent(data) {
    try {
      const raw: unknown = JSON.parse(data);
      const event = BoardEvent.safeParse(raw);
      if (event.success) return event.data.type === 'board' ? toBoard(event.data.board) : null;
      const board = BoardView.safeParse(raw);
      return board.success ? toBoard(board.data) : null;
    } catch {
      return null;
    }
  },
  boardEventNames: ['board'],
};
