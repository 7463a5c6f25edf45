import { randomUUID } from 'node:crypto';
import type { Appointment, CreateAppointmentRequest, MyAppointmentsQuery, MyAppointmentsResponse, RescheduleAppointmentRequest } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import { addDays, chinaDateOf } from '../../core/china-date';
import { isUniqueViolation } from '../../infra/db/is-unique-violation';
import type { AppointmentPersons } from './appointment-ports';
import type { AppointmentPresenter } from './appointment-presenter';
import type { AppointmentRecord, AppointmentStore } from './appointment-store';
import type { BookingRules } from './booking-rules';
import type { PlaceKeeper } from './place-keeper';
import { minuteOf } from './slots/slot-calendar';
import type { PlannedSlot, SlotPlanner } from './slots/slot-planner';
import { requireOwnRecord } from './require-own-record';

export interface AppointmentServiceDeps {
  store: AppointmentStore;
  planner: SlotPlanner;
  keeper: PlaceKeeper;
  rules: BookingRules;
  persons: AppointmentPersons;
  presenter: AppointmentPresenter;
  now: () => number;
}

export interface BookInput {
  accountId: string;
  body: CreateAppointmentRequest;
  idempotencyKey: string;
}

const notFound = () => new AppError(404, 'APPOINTMENT_NOT_FOUND', 'No such appointment');
const notActive = () => new AppError(409, 'APPOINTMENT_NOT_ACTIVE', 'This appointment is cancelled or over');

/** Booking, cancelling, rescheduling and declining appointments; listing them for their holders. */
export class AppointmentService {
  constructor(private readonly d: AppointmentServiceDeps) {}

  /** A new row holding a place in `slot` (written after the place is taken). */
  newRecord(slot: PlannedSlot, personId: string, accountId: string, source: AppointmentRecord['source'], idempotencyKey: string | null): AppointmentRecord {
    const at = this.d.now();
    return {
      id: randomUUID(),
      hallId: slot.ref.hallId,
      serviceId: slot.ref.serviceId,
      personId,
      accountId,
      slotKey: slot.slotKey,
      date: slot.ref.date,
      startMinute: slot.span.startMinute,
      endMinute: slot.span.endMinute,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      status: 'booked',
      source,
      idempotencyKey,
      createdAt: at,
      updatedAt: at,
      checkedInAt: null,
    };
  }

  async book(input: BookInput): Promise<{ appointment: Appointment; replay: boolean }> {
    const { body, accountId } = input;
    const personId = await this.d.persons.resolveSubject(accountId, body.personId);
    const key = `${accountId}:${input.idempotencyKey}`;
    const prior = await this.d.store.byIdempotencyKey(key);
    if (prior) return { appointment: await this.replay(prior, personId, body), replay: true };
    const slot = await this.d.planner.plan(body.hallId, body.serviceId, body.date, body.start);
    try {
      const record = await this.d.rules.oneAtATime(personId, body.date, async () => {
        await this.d.rules.check(personId, body.hallId, body.serviceId, body.date);
        await this.d.keeper.take(slot, personId, slot.capacity);
        const r = this.newRecord(slot, personId, accountId, 'booking', key);
        await this.d.keeper.insertHolding(slot, r);
        return r;
      });
      return { appointment: await this.d.presenter.appointment(record), replay: false };
    } catch (err) {
      // A retry racing its own first attempt (same key, answer lost): give the first one's booking.
      const first = err instanceof AppError && err.code === 'ALREADY_BOOKED' ? await this.settledReplay(key) : null;
      if (first) return { appointment: await this.replay(first, personId, body), replay: true };
      throw err;
    }
  }

  /** The booking made under this key, waiting briefly for a concurrent first attempt's row. */
  private async settledReplay(key: string): Promise<AppointmentRecord | null> {
    for (let i = 0; i < 5; i++) {
      const row = await this.d.store.byIdempotencyKey(key);
      if (row) return row;
      await new Promise((r) => setTimeout(r, 40));
    }
    return null;
  }

  private replay(prior: AppointmentRecord, personId: string, body: CreateAppointmentRequest): Promise<Appointment> {
    const same = prior.personId === personId && prior.hallId === body.hallId && prior.serviceId === body.serviceId && prior.date === body.date && prior.startMinute === minuteOf(body.start);
    if (!same) throw new AppError(409, 'IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was used for a different booking');
    return this.d.presenter.appointment(prior);
  }

  /** An appointment of the caller or their family, else 404 APPOINTMENT_NOT_FOUND. */
  async own(accountId: string, id: string): Promise<AppointmentRecord> {
    const record = await this.d.store.byId(id);
    if (!record) throw notFound();
    await requireOwnRecord(this.d.persons, accountId, record.personId, notFound);
    return record;
  }

  async get(accountId: string, id: string): Promise<Appointment> {
    return this.d.presenter.appointment(await this.own(accountId, id));
  }

  private checkDeadline(record: AppointmentRecord): void {
    const until = this.d.presenter.cancellableUntil(record.startsAt);
    if (this.d.now() >= until) {
      throw new AppError(422, 'TOO_LATE_TO_CANCEL', 'Too close to the appointment to cancel or reschedule', { details: { cancellableUntil: new Date(until).toISOString() } });
    }
  }

  async cancel(accountId: string, id: string): Promise<Appointment> {
    const record = await this.own(accountId, id);
    if (record.status !== 'booked') throw notActive();
    this.checkDeadline(record);
    return this.giveUp(record, 'cancelled');
  }

  /**
   * Account deletion (appointments-personal-data.ts): a still-booked appointment is cancelled
   * whatever the deadline, its place freed (to the first waiter, or back to the pool). False when
   * it was no longer booked (a retry, or a no-show sweep or arrival in between).
   */
  async cancelForErasure(id: string): Promise<boolean> {
    const record = await this.d.store.byId(id);
    if (!record || record.status !== 'booked') return false;
    try {
      await this.giveUp(record, 'cancelled');
      return true;
    } catch (err) {
      if (err instanceof AppError && err.code === 'APPOINTMENT_NOT_ACTIVE') return false;
      throw err;
    }
  }

  /** Turns down a place given from the waitlist (until the slot ends); the next waiter gets it. */
  async decline(accountId: string, id: string): Promise<Appointment> {
    const record = await this.own(accountId, id);
    if (record.source !== 'waitlist') throw new AppError(409, 'NOT_FROM_WAITLIST', 'Only a place given from the waitlist can be declined; cancel this one');
    if (record.status !== 'booked' || this.d.now() >= record.endsAt) throw notActive();
    return this.giveUp(record, 'declined');
  }

  /** The row leaves its live status and its place is freed under the person-day guard (PhantomPlaces relies on it). */
  private async giveUp(record: AppointmentRecord, to: 'cancelled' | 'declined'): Promise<Appointment> {
    await this.d.rules.oneAtATime(record.personId, record.date, async () => {
      if (!(await this.d.store.transition(record.id, ['booked'], to, this.d.now()))) throw notActive();
      await this.d.keeper.free(await this.d.rules.slotOf(record), record.personId);
    });
    return this.d.presenter.appointment({ ...record, status: to, updatedAt: this.d.now() });
  }

  /** Moves to another slot of the same hall × service: the new place first, then the old one freed. */
  async reschedule(accountId: string, id: string, body: RescheduleAppointmentRequest): Promise<Appointment> {
    const old = await this.own(accountId, id);
    if (old.status !== 'booked') throw notActive();
    this.checkDeadline(old);
    const slot = await this.d.planner.plan(old.hallId, old.serviceId, body.date, body.start);
    if (slot.slotKey === old.slotKey) return this.d.presenter.appointment(old);
    // Both days guarded (the old day's for freeing the old place), always the old one first.
    const record = await this.d.rules.oneAtATime(old.personId, old.date, async () => {
      const moved = old.date === body.date ? await this.moveTo(old, slot, accountId) : await this.d.rules.oneAtATime(old.personId, body.date, () => this.moveTo(old, slot, accountId));
      await this.d.keeper.free(await this.d.rules.slotOf(old), old.personId);
      return moved;
    });
    return this.d.presenter.appointment(record);
  }

  /** The new place, then in one transaction the old row cancelled and the new one written. */
  private async moveTo(old: AppointmentRecord, slot: PlannedSlot, accountId: string): Promise<AppointmentRecord> {
    await this.d.rules.check(old.personId, old.hallId, old.serviceId, slot.ref.date, old.id);
    await this.d.keeper.take(slot, old.personId, slot.capacity);
    const record = this.newRecord(slot, old.personId, accountId, 'booking', null);
    try {
      await this.d.store.transaction(async (tx) => {
        if (!(await tx.transition(old.id, ['booked'], 'cancelled', this.d.now()))) throw notActive();
        await tx.insert(record);
      });
    } catch (err) {
      await this.d.keeper.free(slot, old.personId);
      if (isUniqueViolation(err)) throw new AppError(409, 'ALREADY_BOOKED', 'This person already has an appointment that day in this hall or for this service');
      throw err;
    }
    return record;
  }

  async mine(accountId: string, query: MyAppointmentsQuery): Promise<MyAppointmentsResponse> {
    const holder = await this.d.persons.requirePersonOf(accountId);
    const personIds = query.personId ? [await this.d.persons.resolveSubject(accountId, query.personId)] : [holder, ...(await this.d.persons.familyMemberIds(holder))];
    const today = chinaDateOf(this.d.now());
    const all = query.scope === 'all';
    const from = all ? addDays(today, -90) : today;
    const rows = await this.d.store.ofPersons(personIds, from, !all);
    const waiters = (await this.d.store.waitersOfPersons(personIds, from)).filter((w) => all || w.status === 'waiting');
    return { items: await this.d.presenter.appointments(rows), waitlist: await this.d.presenter.waiters(waiters) };
  }

  async ofHallDay(hallId: string, date: string, serviceId?: string): Promise<Appointment[]> {
    return this.d.presenter.appointments(await this.d.store.ofHallDay(hallId, date, serviceId));
  }
}
