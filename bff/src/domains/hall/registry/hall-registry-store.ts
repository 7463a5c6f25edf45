import type { Hall, HallService, HallWindow, WindowStatus } from '@govpass/shared-types';

/** Halls, their services and windows: the durable registry (MySQL/SQLite). */
export interface HallRegistryStore {
  listHalls(): Promise<Hall[]>;
  getHall(id: string): Promise<Hall | null>;
  saveHall(hall: Hall): Promise<void>;
  listServices(hallId: string): Promise<HallService[]>;
  getService(id: string): Promise<HallService | null>;
  /** Throws HALL_CONFLICT when the prefix is taken by another service of the hall. */
  saveService(service: HallService): Promise<void>;
  listWindows(hallId: string): Promise<HallWindow[]>;
  getWindow(id: string): Promise<HallWindow | null>;
  /** Throws HALL_CONFLICT when the number is taken by another window of the hall. */
  saveWindow(window: HallWindow): Promise<void>;
  setWindowStatus(id: string, status: WindowStatus): Promise<void>;
  /** Saves everything in one transaction (an import: all rows or none). */
  saveAll(rows: { halls: Hall[]; services: HallService[]; windows: HallWindow[] }): Promise<void>;
}
