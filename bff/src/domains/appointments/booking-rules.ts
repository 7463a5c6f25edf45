import { AppError } from '../../core/app-error';
import { chinaDateOf } from '../../core/china-date';
import type { HotStore } from '../../infra/hot-store/hot-store';
import { appointmentPersonDayKey } from '../../infra/hot-store/keys';
import type { HallSchedule } from './appointment-ports';
import type { AppointmentRecord, AppointmentStore } from './appointment-store';
import type { SlotInfo } from './place-keeper';

/**
 * The per-person rules checked before a place is taken (MySQL's unique indexes enforce the
 * same-day rules again at insert, under concurrency): not blocked for no-shows, at most one live
 * appointment per hall per day and one per service per day.
 */
/** Longer than any booking takes; a process dying mid-booking blocks that person-day this long at most. */
const PERSON_DAY_LOCK_MS = 10_000;
const LOCK_WAIT_MS = 20;
const LOCK_WAITS = 50;

export class BookingRules {
  constructor(
    private readonly store: AppointmentStore,
    private readonly schedule: HallSchedule,
    private readonly hotStore: HotStore,
    private readonly now: () => number,
  ) {}

  /**
   * Runs one booking step of a person for a day at a time (book, waitlist join, reschedule): a
   * concurrent second one waits for the first (then meets its result in MySQL: booked → 409
   * ALREADY_BOOKED, refused → it tries its own slot), so it never holds a place MySQL would refuse.
   * Refused 409 ALREADY_BOOKED when the first takes longer than a second.
   */
  async oneAtATime<T>(personId: string, date: string, fn: () => Promise<T>): Promise<T> {
    const key = appointmentPersonDayKey(personId, date);
    let waits = 0;
    while (!(await this.hotStore.setIfAbsent(key, '1', PERSON_DAY_LOCK_MS))) {
      if (++waits > LOCK_WAITS) throw new AppError(409, 'ALREADY_BOOKED', 'Another booking for this person that day is in progress', { details: { inProgress: true } });
      await new Promise((r) => setTimeout(r, LOCK_WAIT_MS));
    }
    try {
      return await fn();
    } finally {
      await this.hotStore.del(key).catch(() => undefined);
    }
  }

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

  /** `fn` under the person-day guard when it is free now; null when a booking step of theirs is in flight. */
  async ifIdle<T>(personId: string, date: string, fn: () => Promise<T>): Promise<T | null> {
    const key = appointmentPersonDayKey(personId, date);
    if (!(await this.hotStore.setIfAbsent(key, '1', PERSON_DAY_LOCK_MS))) return null;
    try {
      return await fn();
    } finally {
      await this.hotStore.del(key).catch(() => undefined);
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
