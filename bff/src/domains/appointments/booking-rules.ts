import { AppError } from '../../core/app-error';
import { chinaDateOf } from '../../core/china-date';
import type { HallSchedule } from './appointment-ports';
import type { AppointmentRecord, AppointmentStore } from './appointment-store';
import type { SlotInfo } from './place-keeper';

/**
 * The per-person rules checked before a place is taken (MySQL's unique indexes enforce the
 * same-day rules again at insert, under concurrency): not blocked for no-shows, at most one live
 * appointment per hall per day and one per service per day.
 */
export class BookingRules {
  constructor(
    private readonly store: AppointmentStore,
    private readonly schedule: HallSchedule,
    private readonly now: () => number,
  ) {}

  async checkNotBlocked(personId: string): Promise<void> {
    const block = await this.store.blockOf(personId);
    if (block && chinaDateOf(this.now()) < block.blockedUntil) {
      throw new AppError(403, 'NO_SHOW_BLOCKED', `Booking is blocked until ${block.blockedUntil} after repeated no-shows`, { details: { blockedUntil: block.blockedUntil, noShows: block.noShows } });
    }
  }

  /** `except`: the appointment being rescheduled, which is given up in the same step. */
  async checkFreeDay(personId: string, hallId: string, serviceId: string, date: string, except?: string): Promise<void> {
    const live = await this.store.liveOfPersonOnDay(personId, date);
    if (live.some((a) => a.id !== except && (a.hallId === hallId || a.serviceId === serviceId))) {
      throw new AppError(409, 'ALREADY_BOOKED', 'This person already has an appointment that day in this hall or for this service');
    }
  }

  async check(personId: string, hallId: string, serviceId: string, date: string, except?: string): Promise<void> {
    await this.checkNotBlocked(personId);
    await this.checkFreeDay(personId, hallId, serviceId, date, except);
  }

  /** The slot of an existing appointment with the names a notice shows. */
  async slotOf(r: AppointmentRecord): Promise<SlotInfo> {
    const [day, booking] = await Promise.all([this.schedule.hallDay(r.hallId, r.date), this.schedule.serviceBooking(r.hallId, r.serviceId)]);
    return {
      ref: { hallId: r.hallId, serviceId: r.serviceId, date: r.date, startMinute: r.startMinute },
      slotKey: r.slotKey,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      hallName: day?.hallName ?? r.hallId,
      serviceName: booking?.serviceName ?? r.serviceId,
    };
  }
}
