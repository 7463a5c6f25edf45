import { chinaDateOf } from '../../core/china-date';
import type { ArrivalAppointments } from './appointment-ports';
import type { AppointmentStore } from './appointment-store';
import type { ArrivalIndex } from './arrival-index';
import { MINUTE_MS, type AppointmentSettings } from './appointments-settings';

/**
 * The hall domain's ArrivalAppointments: a person arriving for a service within their slot's
 * start − tolerance … end + tolerance is checked in, and the queue ranks their ticket before
 * walk-ins. Asking again (a re-scan) answers the same appointment.
 */
export class ArrivalCheckIn implements ArrivalAppointments {
  constructor(
    private readonly store: AppointmentStore,
    private readonly settings: AppointmentSettings,
    /** Who may have a row (Redis); null: MySQL is asked on every arrival. */
    private readonly index: Pick<ArrivalIndex, 'mayHave'> | null = null,
  ) {}

  async checkInArrival(personId: string, hallId: string, serviceId: string, at: number): Promise<{ appointmentId: string } | null> {
    const tolerance = this.settings.arrivalToleranceMinutes * MINUTE_MS;
    const date = chinaDateOf(at);
    // Nearly every ticket is a walk-in's: the index says so without MySQL.
    if (this.index && !(await this.index.mayHave(hallId, date, personId))) return null;
    const live = await this.store.liveOfPersonOnDay(personId, date);
    const mine = live.find((a) => a.hallId === hallId && a.serviceId === serviceId && a.startsAt - tolerance <= at && at <= a.endsAt + tolerance);
    if (!mine) return null;
    if (mine.status === 'checked_in') return { appointmentId: mine.id };
    if (mine.status !== 'booked') return null;
    if (await this.store.transition(mine.id, ['booked'], 'checked_in', at)) return { appointmentId: mine.id };
    const again = await this.store.byId(mine.id);
    return again?.status === 'checked_in' ? { appointmentId: mine.id } : null;
  }
}
