import { chinaDateOf } from '../../core/china-date';
import type { AppointmentStore } from './appointment-store';
import type { BookingRules } from './booking-rules';
import type { PlaceKeeper } from './place-keeper';
import { instantOf } from './slots/slot-calendar';
import type { SlotCounter } from './slots/slot-counter';

/**
 * Phantom places: a person in a slot's Redis holders without a live MySQL row, left by a process
 * killed between the Lua step and the row (or between a cancel and its hand-over). The slot then
 * shows a place less and its waitlist waits for nothing. Checked for slots that have someone
 * waiting (where it matters); a holder is a phantom only while no booking step of theirs for that
 * day is in flight — every step that takes or frees a place runs under the person-day guard, so
 * holding the guard and re-reading MySQL makes the decision safe. A phantom's place is freed the
 * usual way (to the first waiting).
 */
export class PhantomPlaces {
  constructor(
    private readonly store: AppointmentStore,
    private readonly counter: SlotCounter,
    private readonly keeper: PlaceKeeper,
    private readonly rules: BookingRules,
    private readonly now: () => number,
  ) {}

  /** Returns how many phantom places were freed. */
  async reconcile(limit = 200): Promise<number> {
    let freed = 0;
    for (const w of await this.store.slotsWithWaiters(chinaDateOf(this.now()), limit)) {
      const slot = await this.rules.slotOf({ ...w, status: 'booked', source: 'booking', idempotencyKey: null, createdAt: w.joinedAt, checkedInAt: null, startsAt: instantOf(w.date, w.startMinute), endsAt: instantOf(w.date, w.endMinute) });
      if (this.now() >= slot.startsAt) continue;
      const holders = await this.counter.holders(slot.ref);
      if (!holders) continue;
      const live = new Set(await this.store.liveHoldersOfSlot(w.slotKey));
      for (const person of holders.filter((p) => !live.has(p))) {
        const done = await this.rules.ifIdle(person, w.date, async () => {
          if ((await this.store.liveHoldersOfSlot(w.slotKey)).includes(person)) return false;
          await this.keeper.free(slot, person);
          return true;
        });
        if (done) freed += 1;
      }
    }
    return freed;
  }
}
