import { z } from 'zod';
import { HallIdParams } from './appointments';
import { EntityId } from './common';
import type { OperationContract } from './routes';

/*
 * Per-service appointment slots: the slot length and the places per slot a hall manager (or an
 * admin) sets for one service; null falls back to the appointments config (30 min, 10 places).
 * Slot generation uses them from the next listing on; appointments already booked keep their times.
 */

export const SlotSettingsParams = z.object({ hallId: EntityId, serviceId: EntityId });
export type SlotSettingsParams = z.infer<typeof SlotSettingsParams>;

export const SetSlotSettingsRequest = z
  .object({
    /** Minutes per slot, 5…240, a divisor of a day (5, 10, 15, 20, 30, 40, 45, 60, 90, 120 …). */
    slotMinutes: z.number().int().min(5).max(240).nullable(),
    /** Places per slot, 1…500. */
    capacity: z.number().int().min(1).max(500).nullable(),
  })
  .refine((v) => v.slotMinutes === null || (24 * 60) % v.slotMinutes === 0, { message: '时段长度应能整除一天（如 10、15、20、30、60 分钟）', path: ['slotMinutes'] });
export type SetSlotSettingsRequest = z.infer<typeof SetSlotSettingsRequest>;

export const ServiceSlotSettings = z.object({
  serviceId: z.string(),
  serviceName: z.string(),
  /** What the manager set; null = the config default. */
  slotMinutes: z.number().int().nullable(),
  capacity: z.number().int().nullable(),
  /** What slot generation uses now. */
  effectiveSlotMinutes: z.number().int(),
  effectiveCapacity: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type ServiceSlotSettings = z.infer<typeof ServiceSlotSettings>;

export const SlotSettingsResponse = z.object({ settings: ServiceSlotSettings });
export type SlotSettingsResponse = z.infer<typeof SlotSettingsResponse>;
export const SlotSettingsListResponse = z.object({ items: z.array(ServiceSlotSettings) });
export type SlotSettingsListResponse = z.infer<typeof SlotSettingsListResponse>;

const MANAGERS = ['hall_manager', 'admin'] as const;

export const slotSettingsRoutes = {
  listSlotSettings: {
    method: 'GET',
    path: '/api/v1/halls/:hallId/slot-settings',
    summary: "Slot length and places per slot of each service of the hall (the hall's managers)",
    auth: true,
    roles: [...MANAGERS],
    params: HallIdParams,
    response: SlotSettingsListResponse,
    errors: { 404: ['HALL_NOT_FOUND'] },
  },
  setSlotSettings: {
    method: 'PUT',
    path: '/api/v1/halls/:hallId/services/:serviceId/slot-settings',
    summary: 'Set the slot length and places per slot of a service (null = config default; audited)',
    auth: true,
    roles: [...MANAGERS],
    params: SlotSettingsParams,
    body: SetSlotSettingsRequest,
    response: SlotSettingsResponse,
    errors: { 403: ['FORBIDDEN'], 404: ['SERVICE_NOT_FOUND'] },
  },
} as const satisfies Record<string, OperationContract>;
