import type { Appointment, WaitlistEntry } from '@govpass/shared-types';
import type { AppointmentPersons } from './appointment-ports';
import type { AppointmentRecord, AppointmentStore, WaitlistRecord } from './appointment-store';
import { HOUR_MS, type AppointmentSettings } from './appointments-settings';
import { timeOf } from './slots/slot-calendar';

const iso = (ms: number) => new Date(ms).toISOString();

/** Rows → the contract's shapes, with masked names (never an ID number). */
export class AppointmentPresenter {
  constructor(
    private readonly persons: AppointmentPersons,
    private readonly store: AppointmentStore,
    private readonly settings: AppointmentSettings,
  ) {}

  cancellableUntil(startsAt: number): number {
    return startsAt - this.settings.cancelHoursBefore * HOUR_MS;
  }

  private async names(personIds: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(personIds)];
    const names = await Promise.all(unique.map(async (id) => (await this.persons.maskedIdentity(id)).name));
    return new Map(unique.map((id, i) => [id, names[i]]));
  }

  async appointment(r: AppointmentRecord): Promise<Appointment> {
    return (await this.appointments([r]))[0];
  }

  async appointments(rows: readonly AppointmentRecord[]): Promise<Appointment[]> {
    const names = await this.names(rows.map((r) => r.personId));
    return rows.map((r) => ({
      id: r.id,
      hallId: r.hallId,
      serviceId: r.serviceId,
      personId: r.personId,
      maskedName: names.get(r.personId) ?? '',
      date: r.date,
      start: timeOf(r.startMinute),
      end: timeOf(r.endMinute),
      status: r.status,
      source: r.source,
      createdAt: iso(r.createdAt),
      cancellableUntil: iso(this.cancellableUntil(r.startsAt)),
      checkedInAt: r.checkedInAt === null ? null : iso(r.checkedInAt),
    }));
  }

  async waiters(rows: readonly WaitlistRecord[]): Promise<WaitlistEntry[]> {
    const names = await this.names(rows.map((r) => r.personId));
    return Promise.all(
      rows.map(async (r) => ({
        id: r.id,
        hallId: r.hallId,
        serviceId: r.serviceId,
        personId: r.personId,
        maskedName: names.get(r.personId) ?? '',
        date: r.date,
        start: timeOf(r.startMinute),
        end: timeOf(r.endMinute),
        status: r.status,
        position: r.status === 'waiting' ? await this.store.positionOf(r) : null,
        joinedAt: iso(r.joinedAt),
        appointmentId: r.appointmentId,
      })),
    );
  }
}
