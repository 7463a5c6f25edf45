import type { Logger } from '../../core/create-logger';
import { addDays, chinaDateOf } from '../../core/china-date';
import type { AppointmentStore } from './appointment-store';
import { DAY_MS, MINUTE_MS, type AppointmentSettings } from './appointments-settings';

/**
 * No-shows: a booked appointment not checked in by its slot's end (+ the arrival tolerance) is a
 * no_show. `noShowLimit` of them within `noShowWindowDays` block booking for `noShowBlockDays`
 * from the day of the last one. The place a no-show held is not given to anyone: on the day, the
 * hall serves walk-ins in its stead. Waitlists of slots that have started expire.
 */
export class NoShowSweeper {
  constructor(
    private readonly store: AppointmentStore,
    private readonly settings: AppointmentSettings,
    private readonly now: () => number,
    /** Frees phantom places of slots with a waitlist (phantom-places.ts). */
    private readonly phantoms: { reconcile(): Promise<number> } = { reconcile: () => Promise.resolve(0) },
  ) {}

  /** Marks every overdue appointment; returns how many became no-shows and how many people got blocked. */
  async sweep(batch = 500): Promise<{ noShows: number; blocked: number; expiredWaiters: number; phantomsFreed: number }> {
    const now = this.now();
    const china = new Date(now + 8 * 3_600_000);
    // Nobody can be given a place in a slot that has started: its waitlist ends.
    const expiredWaiters = await this.store.expireWaiters(chinaDateOf(now), china.getUTCHours() * 60 + china.getUTCMinutes(), now);
    const out = { noShows: 0, blocked: 0, expiredWaiters, phantomsFreed: await this.phantoms.reconcile() };
    const before = this.now() - this.settings.arrivalToleranceMinutes * MINUTE_MS;
    for (;;) {
      const due = await this.store.dueNoShows(before, batch);
      for (const a of due) {
        if (!(await this.store.transition(a.id, ['booked'], 'no_show', this.now()))) continue;
        out.noShows += 1;
        if (await this.blockIfRepeated(a.personId, a.endsAt)) out.blocked += 1;
      }
      if (due.length < batch) return out;
    }
  }

  private async blockIfRepeated(personId: string, at: number): Promise<boolean> {
    const count = await this.store.countNoShows(personId, at - this.settings.noShowWindowDays * DAY_MS, at);
    if (count < this.settings.noShowLimit || this.settings.noShowBlockDays === 0) return false;
    await this.store.block(personId, addDays(chinaDateOf(at), this.settings.noShowBlockDays), count, this.now());
    return true;
  }
}

/** Sweeps on an interval in this process (config appointments.runWorkers); stop() before the database closes. */
export function startNoShowSweeps(sweeper: NoShowSweeper, intervalMs: number, logger: Logger): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = sweeper.sweep().catch((err: unknown) => logger.warn({ err: String(err) }, 'no-show sweep failed'));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
