import type { Hall, HallService, HallWindow } from '@govpass/shared-types';
import type { LRUCache } from 'lru-cache';
import { ttlCache } from '../../../core/ttl-cache';
import type { HallRegistryStore } from './hall-registry-store';

/** One hall with its services and windows, as read together. */
export interface HallSnapshot {
  hall: Hall;
  services: HallService[];
  windows: HallWindow[];
}

/**
 * Read access to the registry for the queue, the board and other domains (appointments reach it
 * through their own port): halls with opening hours and closed days, services, windows. Cached in
 * process for a few seconds (every live-position read needs the hall); a change made through this
 * process is seen at once, one made elsewhere within the cache time.
 */
export class HallDirectory {
  private readonly snapshots: LRUCache<string, Promise<HallSnapshot | null>>;
  private readonly hallOfService = new Map<string, string>();
  private readonly hallOfWindow = new Map<string, string>();

  constructor(
    private readonly store: HallRegistryStore,
    now: () => number,
    cacheMs = 5000,
  ) {
    this.snapshots = ttlCache(cacheMs, 10_000, now);
  }

  snapshot(hallId: string): Promise<HallSnapshot | null> {
    const cached = this.snapshots.get(hallId);
    if (cached) return cached;
    const loading = this.load(hallId);
    this.snapshots.set(hallId, loading);
    loading.catch(() => this.snapshots.delete(hallId));
    return loading;
  }

  private async load(hallId: string): Promise<HallSnapshot | null> {
    const hall = await this.store.getHall(hallId);
    if (!hall) return null;
    const [services, windows] = await Promise.all([this.store.listServices(hallId), this.store.listWindows(hallId)]);
    for (const s of services) this.hallOfService.set(s.id, hallId);
    for (const w of windows) this.hallOfWindow.set(w.id, hallId);
    return { hall, services, windows };
  }

  async getHall(hallId: string): Promise<Hall | null> {
    return (await this.snapshot(hallId))?.hall ?? null;
  }

  async listHalls(): Promise<Hall[]> {
    return this.store.listHalls();
  }

  /** The hall's services, with the hall's opening hours and closed days at hand through getHall. */
  async listServices(hallId: string): Promise<HallService[]> {
    return (await this.snapshot(hallId))?.services ?? [];
  }

  async listWindows(hallId: string): Promise<HallWindow[]> {
    return (await this.snapshot(hallId))?.windows ?? [];
  }

  async getService(serviceId: string): Promise<HallService | null> {
    const hallId = this.hallOfService.get(serviceId) ?? (await this.store.getService(serviceId))?.hallId;
    if (!hallId) return null;
    return (await this.snapshot(hallId))?.services.find((s) => s.id === serviceId) ?? null;
  }

  async getWindow(windowId: string): Promise<HallWindow | null> {
    const hallId = this.hallOfWindow.get(windowId) ?? (await this.store.getWindow(windowId))?.hallId;
    if (!hallId) return null;
    return (await this.snapshot(hallId))?.windows.find((w) => w.id === windowId) ?? null;
  }

  /** Drops a hall's cached snapshot after a change. */
  changed(hallId: string): void {
    this.snapshots.delete(hallId);
  }
}
