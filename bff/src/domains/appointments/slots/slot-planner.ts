import type { Slot, SlotsResponse } from '@govpass/shared-types';
import { AppError } from '../../../core/app-error';
import { chinaDateOf } from '../../../core/china-date';
import type { HallDay, HallSchedule, ServiceBooking } from '../appointment-ports';
import type { AppointmentStore } from '../appointment-store';
import { DAY_MS, type AppointmentSettings } from '../appointments-settings';
import { instantOf, minuteOf, nextWorkingDays, slotsOfDay, timeOf, type SlotSpan } from './slot-calendar';
import { slotKeyOf, type SlotRef } from './slot-counter';

/** A bookable slot, resolved against the hall's hours and the service's appointment rules. */
export interface PlannedSlot {
  ref: SlotRef;
  slotKey: string;
  span: SlotSpan;
  startsAt: number;
  endsAt: number;
  capacity: number;
  hallName: string;
  serviceName: string;
}

const hallNotFound = () => new AppError(404, 'HALL_NOT_FOUND', 'No such hall');
const serviceNotFound = () => new AppError(404, 'SERVICE_NOT_FOUND', 'This hall does not offer this service');
const appointmentsOff = () => new AppError(422, 'APPOINTMENTS_OFF', 'This service takes no appointments: take a number at the hall');

/** Turns (hall, service, date, start) into a slot, or the refusal a citizen reads. */
export class SlotPlanner {
  constructor(
    private readonly schedule: HallSchedule,
    private readonly store: AppointmentStore,
    private readonly settings: AppointmentSettings,
    private readonly now: () => number,
  ) {}

  private async booking(hallId: string, serviceId: string): Promise<ServiceBooking> {
    const booking = await this.schedule.serviceBooking(hallId, serviceId);
    if (!booking) throw (await this.schedule.hallDay(hallId, chinaDateOf(this.now()))) ? serviceNotFound() : hallNotFound();
    if (booking.mode === 'off') throw appointmentsOff();
    return booking;
  }

  private async hallDay(hallId: string, date: string): Promise<HallDay> {
    const day = await this.schedule.hallDay(hallId, date);
    if (!day) throw hallNotFound();
    return day;
  }

  /** The working days bookable now: the next N days the hall opens, from tomorrow. */
  async bookableDates(hallId: string): Promise<string[]> {
    const today = chinaDateOf(this.now());
    return nextWorkingDays(today, this.settings.bookableWorkingDaysAhead, async (d) => ((await this.schedule.hallDay(hallId, d))?.periods.length ?? 0) > 0);
  }

  /** A slot someone asks to book (or wait for); every refusal in the contract's words. */
  async plan(hallId: string, serviceId: string, date: string, start: string): Promise<PlannedSlot> {
    const booking = await this.booking(hallId, serviceId);
    const day = await this.hallDay(hallId, date);
    if (day.periods.length === 0) throw new AppError(422, 'HALL_CLOSED', 'The hall is closed that day', { details: { date } });
    const dates = await this.bookableDates(hallId);
    if (!dates.includes(date)) throw new AppError(422, 'SLOT_NOT_BOOKABLE', 'That day cannot be booked now', { details: { bookableFrom: dates[0] ?? null, bookableTo: dates.at(-1) ?? null } });
    const len = booking.slotMinutes ?? this.settings.slotMinutes;
    const span = slotsOfDay(day.periods, len).find((s) => s.startMinute === minuteOf(start));
    if (!span) throw new AppError(422, 'SLOT_NOT_BOOKABLE', 'No slot starts at that time');
    return this.planned(hallId, serviceId, date, span, booking, day);
  }

  /** The slot of an existing appointment (for releasing or handing over its place). */
  refOf(hallId: string, serviceId: string, date: string, startMinute: number): SlotRef {
    return { hallId, serviceId, date, startMinute };
  }

  private planned(hallId: string, serviceId: string, date: string, span: SlotSpan, booking: ServiceBooking, day: HallDay): PlannedSlot {
    const ref = { hallId, serviceId, date, startMinute: span.startMinute };
    return {
      ref,
      slotKey: slotKeyOf(ref),
      span,
      startsAt: instantOf(date, span.startMinute),
      endsAt: instantOf(date, span.endMinute),
      capacity: booking.slotCapacity ?? this.settings.defaultSlotCapacity,
      hallName: day.hallName,
      serviceName: booking.serviceName,
    };
  }

  /** Counter ttl: until two days after the slot ends. */
  counterTtlMs(slot: { endsAt: number }): number {
    return Math.max(60_000, slot.endsAt + 2 * DAY_MS - this.now());
  }

  /** GET …/slots: a day's slots with places left (MySQL's live rows) and waitlist lengths. */
  async daySlots(hallId: string, serviceId: string, date: string): Promise<SlotsResponse> {
    const booking = await this.booking(hallId, serviceId);
    const day = await this.hallDay(hallId, date);
    const dates = await this.bookableDates(hallId);
    const bookableDay = dates.includes(date);
    const spans = slotsOfDay(day.periods, booking.slotMinutes ?? this.settings.slotMinutes);
    const [taken, waiting] = await Promise.all([this.store.liveCountsOfDay(hallId, serviceId, date), this.store.waitingCountsOfDay(hallId, serviceId, date)]);
    const capacity = booking.slotCapacity ?? this.settings.defaultSlotCapacity;
    const slots: Slot[] = spans.map((s) => {
      const booked = Math.min(capacity, taken.get(s.startMinute) ?? 0);
      return { start: timeOf(s.startMinute), end: timeOf(s.endMinute), capacity, booked, available: capacity - booked, waiting: waiting.get(s.startMinute) ?? 0, bookable: bookableDay };
    });
    return { hallId, serviceId, date, open: day.periods.length > 0, bookableFrom: dates[0] ?? date, bookableTo: dates.at(-1) ?? date, slots };
  }
}
