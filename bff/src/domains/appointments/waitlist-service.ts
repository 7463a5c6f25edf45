import { randomUUID } from 'node:crypto';
import type { JoinWaitlistRequest, JoinWaitlistResponse, WaitlistEntry } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import { isUniqueViolation } from '../../infra/db/is-unique-violation';
import type { AppointmentPersons } from './appointment-ports';
import type { AppointmentPresenter } from './appointment-presenter';
import type { AppointmentService } from './appointment-service';
import type { AppointmentStore, WaitlistRecord } from './appointment-store';
import type { BookingRules } from './booking-rules';
import type { PlaceKeeper } from './place-keeper';
import type { PlannedSlot, SlotPlanner } from './slots/slot-planner';
import { requireOwnRecord } from './require-own-record';

export interface WaitlistServiceDeps {
  store: AppointmentStore;
  planner: SlotPlanner;
  keeper: PlaceKeeper;
  rules: BookingRules;
  persons: AppointmentPersons;
  presenter: AppointmentPresenter;
  appointments: AppointmentService;
  now: () => number;
}

const notFound = () => new AppError(404, 'WAITLIST_ENTRY_NOT_FOUND', 'No such waitlist entry');

/**
 * The waitlist of a full slot (候补). Joining a slot with a place free books it instead. A freed
 * place is given by PlaceKeeper.free to the first waiting, in turn order.
 */
export class WaitlistService {
  constructor(private readonly d: WaitlistServiceDeps) {}

  async join(accountId: string, body: JoinWaitlistRequest): Promise<JoinWaitlistResponse> {
    const personId = await this.d.persons.resolveSubject(accountId, body.personId);
    const slot = await this.d.planner.plan(body.hallId, body.serviceId, body.date, body.start);
    return this.d.rules.oneAtATime(personId, body.date, () => this.joinNow(slot, personId, accountId, body));
  }

  private async joinNow(slot: PlannedSlot, personId: string, accountId: string, body: JoinWaitlistRequest): Promise<JoinWaitlistResponse> {
    await this.d.rules.check(personId, body.hallId, body.serviceId, body.date);
    const booked = await this.tryBook(slot, personId, accountId);
    if (booked) return { entry: null, appointment: await this.d.presenter.appointment(booked) };
    const at = this.d.now();
    const draft: WaitlistRecord = {
      id: randomUUID(),
      seq: 0,
      slotKey: slot.slotKey,
      hallId: slot.ref.hallId,
      serviceId: slot.ref.serviceId,
      date: slot.ref.date,
      startMinute: slot.span.startMinute,
      endMinute: slot.span.endMinute,
      personId,
      accountId,
      status: 'waiting',
      joinedAt: at,
      updatedAt: at,
      appointmentId: null,
    };
    let entry: WaitlistRecord;
    try {
      entry = await this.d.store.insertWaiter(draft);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError(409, 'ALREADY_WAITLISTED', 'This person is already waiting for this slot');
      throw err;
    }
    // A place freed between the first try and the insert found no one waiting: take it now.
    const late = await this.tryBook(slot, personId, accountId);
    if (late) {
      await this.d.store.transitionWaiter(entry.id, 'waiting', 'offered', this.d.now(), late.id);
      return { entry: null, appointment: await this.d.presenter.appointment(late) };
    }
    const [shown] = await this.d.presenter.waiters([entry]);
    return { entry: shown, appointment: null };
  }

  /** Books when a place is free; null when the slot is full. */
  private async tryBook(slot: PlannedSlot, personId: string, accountId: string) {
    try {
      await this.d.keeper.take(slot, personId, slot.capacity);
    } catch (err) {
      if (err instanceof AppError && err.code === 'SLOT_FULL') return null;
      throw err;
    }
    const record = this.d.appointments.newRecord(slot, personId, accountId, 'booking', null);
    await this.d.keeper.insertHolding(slot, record);
    return record;
  }

  async leave(accountId: string, id: string): Promise<WaitlistEntry> {
    const entry = await this.d.store.waiterById(id);
    if (!entry) throw notFound();
    await requireOwnRecord(this.d.persons, accountId, entry.personId, notFound);
    if (entry.status === 'waiting') await this.d.store.transitionWaiter(entry.id, 'waiting', 'left', this.d.now());
    const fresh = (await this.d.store.waiterById(id)) as WaitlistRecord;
    return (await this.d.presenter.waiters([fresh]))[0];
  }
}
