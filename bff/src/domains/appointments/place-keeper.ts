import { randomUUID } from 'node:crypto';
import { AppError } from '../../core/app-error';
import type { Logger } from '../../core/create-logger';
import { isUniqueViolation } from '../../infra/db/is-unique-violation';
import type { AppointmentNotices } from './appointment-ports';
import type { AppointmentRecord, AppointmentStore, WaitlistRecord } from './appointment-store';
import { timeOf } from './slots/slot-calendar';
import type { SlotCounter, SlotRef } from './slots/slot-counter';

/** What a freed place needs to know about its slot. */
export interface SlotInfo {
  ref: SlotRef;
  slotKey: string;
  startsAt: number;
  endsAt: number;
  hallName: string;
  serviceName: string;
}

const slotFull = () => new AppError(409, 'SLOT_FULL', 'This slot is fully booked');
const alreadyBooked = () => new AppError(409, 'ALREADY_BOOKED', 'This person already has an appointment that day in this hall or for this service');

/** Waiters tried per freed place before it is simply released (each skipped one had booked elsewhere). */
const HANDOVER_TRIES = 20;

/**
 * Places in slots: taking one (Redis counter first, refilled from MySQL when missing) and freeing
 * one, which goes straight to the first on the slot's waitlist when there is one (the count never
 * drops, so no concurrent booking slips in between), or back to the pool.
 */
export class PlaceKeeper {
  constructor(
    private readonly store: AppointmentStore,
    private readonly counter: SlotCounter,
    private readonly notices: AppointmentNotices,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  /** Takes a place or throws SLOT_FULL / ALREADY_BOOKED. */
  async take(slot: SlotInfo, personId: string, capacity: number): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const r = await this.counter.take(slot.ref, personId, capacity);
      if (r.ok) return;
      if (r.reason === 'full') throw slotFull();
      if (r.reason === 'held') throw alreadyBooked();
      await this.load(slot);
    }
    throw new AppError(503, 'STORE_UNAVAILABLE', 'Slot counters could not be loaded');
  }

  /** Writes the appointment after its place was taken; gives the place back when the write fails. */
  async insertHolding(slot: SlotInfo, record: AppointmentRecord): Promise<void> {
    try {
      await this.store.insert(record);
    } catch (err) {
      await this.counter.release(slot.ref, record.personId).catch((e: unknown) => this.logger.warn({ err: String(e) }, 'appointment place not given back (a rebuild will)'));
      if (isUniqueViolation(err)) throw alreadyBooked();
      throw err;
    }
  }

  private async load(slot: SlotInfo): Promise<void> {
    const holders = await this.store.liveHoldersOfSlot(slot.slotKey);
    await this.counter.load(slot.ref, holders, Math.max(60_000, slot.endsAt + 2 * 86_400_000 - this.now()));
  }

  /**
   * Frees `personId`'s place (their row already left its live status): the first waiter who can
   * still take it gets it as an appointment, with a notice in the same transaction; else the
   * place goes back to the pool. Returns the appointment the place became, if any.
   */
  async free(slot: SlotInfo, personId: string): Promise<AppointmentRecord | null> {
    if (this.now() < slot.startsAt) {
      for (let i = 0; i < HANDOVER_TRIES; i++) {
        const [first] = await this.store.waitingOfSlot(slot.slotKey, 1);
        if (!first) break;
        const given = await this.offer(slot, first);
        if (given === 'raced') continue;
        if (given !== 'skipped') {
          if (!(await this.counter.handOver(slot.ref, personId, given.personId))) await this.load(slot);
          return given;
        }
      }
    }
    await this.counter.release(slot.ref, personId);
    return null;
  }

  /** Gives the place to one waiter in one transaction: the entry, the appointment, the notice. */
  private async offer(slot: SlotInfo, waiter: WaitlistRecord): Promise<AppointmentRecord | 'raced' | 'skipped'> {
    const at = this.now();
    const record: AppointmentRecord = {
      id: randomUUID(),
      hallId: waiter.hallId,
      serviceId: waiter.serviceId,
      personId: waiter.personId,
      accountId: waiter.accountId,
      slotKey: waiter.slotKey,
      date: waiter.date,
      startMinute: waiter.startMinute,
      endMinute: waiter.endMinute,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      status: 'booked',
      source: 'waitlist',
      idempotencyKey: null,
      createdAt: at,
      updatedAt: at,
      checkedInAt: null,
    };
    try {
      return await this.store.transaction(async (tx) => {
        if (!(await tx.transitionWaiter(waiter.id, 'waiting', 'offered', at, record.id))) return 'raced';
        await tx.insert(record);
        const notice = { appointmentId: record.id, personId: record.personId, hallName: slot.hallName, serviceName: slot.serviceName, date: record.date, start: timeOf(record.startMinute), offeredAt: at };
        await this.notices.placeOffered(notice, tx.handle);
        return record;
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // The waiter booked another slot that day meanwhile: skip them, the next one gets the place.
      await this.store.transitionWaiter(waiter.id, 'waiting', 'skipped', at);
      return 'skipped';
    }
  }
}
