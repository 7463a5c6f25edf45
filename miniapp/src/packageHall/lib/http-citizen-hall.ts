import { isApiError } from '../../api/api-error';
import { appointmentApi, hallApi } from '../../api/hall-api';
import { healthApi } from '../../api/health-api';
import { ratingGrades, SUGGESTED_RATING_TAGS, type TicketView } from '../../api/hall-contract';
import type { CitizenHallGateway } from './hall-gateway';
import { namesOf, toAppointment, toHall, toTicket, waitlistAppointment, type Names } from './hall-wire-views';

/** Names of halls and services for appointments (they carry ids only); none when the list cannot be read. */
async function hallNames(): Promise<Names> {
  try {
    const res = await hallApi.call('listHalls', { query: {} });
    return namesOf(res.items.map(toHall));
  } catch {
    return new Map();
  }
}

/** A citizen's side over HTTP: halls, appointments and waitlists, tickets, ratings. */
export const httpCitizenHall: CitizenHallGateway = {
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
};
