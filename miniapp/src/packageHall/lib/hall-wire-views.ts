import type { Appointment as WireAppointment, BoardView, HallSummary, StaffTicket, TicketView, WaitlistEntry } from '../../api/hall-contract';
import type { Appointment, Board, BoardCall, Hall, Ticket } from './hall-view';

/*
 * The shared contracts' answers turned into the hall pages' view types (hall-view.ts). Hall and
 * service names that appointments carry only as ids are filled in from the hall list (Names).
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

export function toBoard(b: BoardView): Board {
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

export type Names = Map<string, { hall: Hall; service: Hall['services'][number] | undefined }>;

export function namesOf(halls: Hall[]): Names {
  const names: Names = new Map();
  for (const hall of halls) for (const service of hall.services) names.set(`${hall.id}|${service.id}`, { hall, service });
  for (const hall of halls) if (!names.has(hall.id)) names.set(hall.id, { hall, service: undefined });
  return names;
}

export function toAppointment(a: WireAppointment, names: Names, ticketId: string | null): Appointment {
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

export function waitlistAppointment(w: WaitlistEntry, names: Names): Appointment {
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
