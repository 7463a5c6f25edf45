import type { HallDay, HallSchedule, ServiceBooking } from './appointment-ports';

/**
 * The part of the hall domain's HallDirectory appointments read, declared here by shape (the
 * directory satisfies it as is; app.ts passes it in), so this domain never imports the hall's.
 */
export interface HallRegistryView {
  getHall(hallId: string): Promise<{ name: string; openingHours: { weekday: number; open: string; close: string }[]; closedDays: string[] } | null>;
  listServices(hallId: string): Promise<{ id: string; name: string; appointmentMode: 'required' | 'allowed' | 'off' }[]>;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a date. */
function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * HallSchedule over the hall registry: the weekday's opening periods unless the day is a closed
 * day; slot length and places per slot null here (the config's, unless a manager set them:
 * slots/slot-settings-schedule.ts).
 */
export class RegistryHallSchedule implements HallSchedule {
  constructor(private readonly registry: HallRegistryView) {}

  async hallDay(hallId: string, date: string): Promise<HallDay | null> {
    const hall = await this.registry.getHall(hallId);
    if (!hall) return null;
    const weekday = isoWeekday(date);
    const periods = hall.closedDays.includes(date) ? [] : hall.openingHours.filter((p) => p.weekday === weekday).map((p) => ({ opens: p.open, closes: p.close }));
    return { hallName: hall.name, periods };
  }

  async serviceBooking(hallId: string, serviceId: string): Promise<ServiceBooking | null> {
    const service = (await this.registry.listServices(hallId)).find((s) => s.id === serviceId);
    return service ? { serviceName: service.name, mode: service.appointmentMode, slotMinutes: null, slotCapacity: null } : null;
  }

  async serviceIds(hallId: string): Promise<string[] | null> {
    if (!(await this.registry.getHall(hallId))) return null;
    return (await this.registry.listServices(hallId)).map((s) => s.id);
  }
}
