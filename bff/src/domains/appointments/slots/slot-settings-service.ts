import type { ServiceSlotSettings, SetSlotSettingsRequest } from '@govpass/shared-types';
import { AppError } from '../../../core/app-error';
import type { AuditLog } from '../../audit/audit-log';
import type { AppointmentSettings } from '../appointments-settings';
import type { SlotSettingsSchedule } from './slot-settings-schedule';
import type { SlotSettingsRow, SqlSlotSettingsStore } from './sql-slot-settings-store';

export interface SlotSettingsActor {
  accountId: string;
  requestId: string | null;
}

/** A hall manager's slot length and places per service (validated by the contract, audited). */
export class SlotSettingsService {
  constructor(
    private readonly store: SqlSlotSettingsStore,
    private readonly schedule: SlotSettingsSchedule,
    private readonly defaults: Pick<AppointmentSettings, 'slotMinutes' | 'defaultSlotCapacity'>,
    private readonly audit: AuditLog,
    private readonly now: () => number,
  ) {}

  async list(hallId: string): Promise<ServiceSlotSettings[]> {
    const ids = await this.schedule.serviceIds(hallId);
    if (!ids) throw new AppError(404, 'HALL_NOT_FOUND', 'No such hall');
    const rows = new Map((await this.store.ofHall(hallId)).map((r) => [r.service_id, r]));
    const items = await Promise.all(ids.map((id) => this.view(hallId, id, rows.get(id) ?? null)));
    return items.filter((s): s is ServiceSlotSettings => s !== null);
  }

  async set(actor: SlotSettingsActor, hallId: string, serviceId: string, input: SetSlotSettingsRequest): Promise<ServiceSlotSettings> {
    if (!(await this.schedule.baseBooking(hallId, serviceId))) throw new AppError(404, 'SERVICE_NOT_FOUND', 'No such service in this hall');
    const before = await this.store.get(serviceId);
    const row: SlotSettingsRow = { service_id: serviceId, hall_id: hallId, slot_minutes: input.slotMinutes, slot_capacity: input.capacity, updated_by: actor.accountId, updated_at: this.now() };
    await this.store.put(row);
    this.schedule.changed(serviceId);
    await this.audit.record({
      actor: actor.accountId,
      action: 'hall.service.slot_settings',
      targetType: 'hall_service',
      targetId: serviceId,
      requestId: actor.requestId,
      details: { hallId, slotMinutes: input.slotMinutes, capacity: input.capacity, before: before ? { slotMinutes: before.slot_minutes, capacity: before.slot_capacity } : null },
    });
    return (await this.view(hallId, serviceId, row)) as ServiceSlotSettings;
  }

  private async view(hallId: string, serviceId: string, row: SlotSettingsRow | null): Promise<ServiceSlotSettings | null> {
    const base = await this.schedule.baseBooking(hallId, serviceId);
    if (!base) return null;
    const slotMinutes = row?.slot_minutes ?? null;
    const capacity = row?.slot_capacity ?? null;
    return {
      serviceId,
      serviceName: base.serviceName,
      slotMinutes,
      capacity,
      effectiveSlotMinutes: slotMinutes ?? base.slotMinutes ?? this.defaults.slotMinutes,
      effectiveCapacity: capacity ?? base.slotCapacity ?? this.defaults.defaultSlotCapacity,
      updatedAt: row ? new Date(Number(row.updated_at)).toISOString() : null,
    };
  }
}
