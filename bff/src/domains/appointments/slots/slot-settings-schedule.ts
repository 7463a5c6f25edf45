import type { HallDay, HallSchedule, ServiceBooking } from '../appointment-ports';
import type { SlotSettingsRow, SqlSlotSettingsStore } from './sql-slot-settings-store';

/** How long a process keeps a service's slot settings (a change made in this process is seen at once). */
const CACHE_MS = 5_000;

/**
 * The hall schedule with each service's slot length and places as its hall manager set them
 * (hall_service_slot_settings); what a manager left unset stays as the schedule gives it, and the
 * planner falls back to the appointments config for nulls.
 */
export class SlotSettingsSchedule implements HallSchedule {
  private readonly cache = new Map<string, { row: SlotSettingsRow | null; until: number }>();

  constructor(
    private readonly base: HallSchedule,
    private readonly store: SqlSlotSettingsStore,
    private readonly now: () => number,
  ) {}

  hallDay(hallId: string, date: string): Promise<HallDay | null> {
    return this.base.hallDay(hallId, date);
  }

  serviceIds(hallId: string): Promise<string[] | null> {
    return this.base.serviceIds(hallId);
  }

  async serviceBooking(hallId: string, serviceId: string): Promise<ServiceBooking | null> {
    const booking = await this.base.serviceBooking(hallId, serviceId);
    if (!booking) return null;
    const row = await this.settingsOf(serviceId);
    return { ...booking, slotMinutes: row?.slot_minutes ?? booking.slotMinutes, slotCapacity: row?.slot_capacity ?? booking.slotCapacity };
  }

  /** What the registry (or a static schedule) says before a manager's settings apply. */
  baseBooking(hallId: string, serviceId: string): Promise<ServiceBooking | null> {
    return this.base.serviceBooking(hallId, serviceId);
  }

  changed(serviceId: string): void {
    this.cache.delete(serviceId);
  }

  private async settingsOf(serviceId: string): Promise<SlotSettingsRow | null> {
    const now = this.now();
    const hit = this.cache.get(serviceId);
    if (hit && hit.until > now) return hit.row;
    const row = await this.store.get(serviceId);
    this.cache.set(serviceId, { row, until: now + CACHE_MS });
    return row;
  }
}
