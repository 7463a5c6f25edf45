import type { RiskArea } from '@govpass/shared-types';
import { AppError } from '../../../core/app-error';
import type { Logger } from '../../../core/create-logger';
import type { HotStore } from '../../../infra/hot-store/hot-store';
import { healthStatusKey } from '../../../infra/hot-store/keys';
import { chinaDateOf } from '../../../core/china-date';
import type { ColourChangeNotifier } from '../health-ports';
import { evaluateHealth, reviewDateOf } from '../rules/evaluate-health';
import type { HealthRules } from '../rules/health-rules-schema';
import type { HealthStore, StoredStatus } from '../store/health-store';
import type { LRUCache } from 'lru-cache';
import { ttlCache } from '../../../core/ttl-cache';
import { uncachedReads, type CachedReads } from '../../../infra/redis/tracked-read-cache';

export interface StatusCacheSettings {
  /** In-process cache life: how long another process's recompute may take to be seen here. */
  localTtlMs: number;
  localMaxEntries: number;
  /** Hot-store entry life: bounds how long a hot-store write that failed can leave an old answer. */
  hotTtlMs: number;
  /** Risk areas are shared by every evaluation; re-read at most this often (and on change here). */
  riskAreasTtlMs: number;
}

export const DEFAULT_STATUS_CACHE: StatusCacheSettings = { localTtlMs: 2000, localMaxEntries: 200_000, hotTtlMs: 3_600_000, riskAreasTtlMs: 5000 };

export interface RecomputeResult {
  status: StoredStatus;
  changed: boolean;
}

/**
 * The computed health status of every person. Computed only when an input changes (import, test
 * result, declaration, risk areas, appeal decision, exposure) or when the calendar passes the day a
 * reason ends (reviewOn), never per request. Read path: in-process cache → hot store → MySQL
 * health_status → compute; so the hot store can always be rebuilt from MySQL.
 */
export class HealthStatusService {
  private readonly local: LRUCache<string, StoredStatus>;
  private riskAreaCache: { areas: RiskArea[]; at: number } | null = null;
  private readonly running = new Map<string, Promise<unknown>>();
  private readonly loading = new Map<string, Promise<StoredStatus>>();
  private todayCache = { at: -Infinity, date: '' };
  private readonly reads: CachedReads;

  constructor(
    private readonly store: HealthStore,
    private readonly hot: HotStore,
    private readonly rules: HealthRules,
    private readonly notifier: ColourChangeNotifier,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly settings: StatusCacheSettings = DEFAULT_STATUS_CACHE,
    reads?: CachedReads,
  ) {
    // A TTL of 0 keeps nothing: an entry set at `now` has already expired at `now`.
    this.local = ttlCache(settings.localTtlMs, settings.localMaxEntries, now);
    this.reads = reads ?? uncachedReads((key) => hot.get(key));
  }

  /** Today in China time, re-derived at most once a second (the verify path asks 20k times a second). */
  today(): string {
    const ms = this.now();
    if (ms - this.todayCache.at >= 1000 || ms < this.todayCache.at) this.todayCache = { at: ms, date: chinaDateOf(ms) };
    return this.todayCache.date;
  }

  /** The PersonStatusSource answer: colour, reasons, greenFrom (plus reviewOn, computedAt). */
  async statusOf(personId: string): Promise<StoredStatus> {
    const today = this.today();
    // Tracked: the held copy or a hot-store read (also while the cache is bypassed); else the 2 s copy.
    const local = this.reads.tracked ? this.trackedCopy(personId) : this.local.get(personId);
    if (local && isFresh(local, today)) return local;
    // One load per person at a time: a burst of scans of one code after a miss reads the stores once.
    const pending = this.loading.get(personId);
    if (pending) return pending;
    const load = this.load(personId, today).finally(() => this.loading.delete(personId));
    this.loading.set(personId, load);
    return load;
  }

  private async load(personId: string, today: string): Promise<StoredStatus> {
    const hot = await this.readHot(personId);
    if (hot && isFresh(hot, today)) return this.keepNewest(personId, hot);
    const durable = await this.store.statusOf(personId);
    if (durable && isFresh(durable, today)) {
      await this.writeHot(personId, durable, true);
      return this.keepNewest(personId, durable);
    }
    // Absent (never computed) or a reason has ended since: compute now, as the calendar's change.
    return (await this.recompute(personId, durable ? 'expiry' : 'initial', 'system')).status;
  }

  /** Re-evaluates one person, records and audits a colour change, refreshes the caches, tells the notifier. */
  recompute(personId: string, cause: string, actor: string): Promise<RecomputeResult> {
    // One evaluation per person at a time in this process, so "from" in the history is the real previous colour.
    const previous = this.running.get(personId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.evaluateAndSave(personId, cause, actor));
    this.running.set(personId, next);
    void next.finally(() => {
      if (this.running.get(personId) === next) this.running.delete(personId);
    }).catch(() => undefined);
    return next;
  }

  /** Re-evaluates many persons one by one; returns how many changed colour. */
  async recomputeMany(personIds: readonly string[], cause: string, actor: string, onProgress?: (done: number, changed: number) => Promise<void>): Promise<number> {
    let changed = 0;
    let done = 0;
    for (const personId of new Set(personIds)) {
      if ((await this.recompute(personId, cause, actor)).changed) changed += 1;
      done += 1;
      if (onProgress && (done % 50 === 0 || done === personIds.length)) await onProgress(done, changed);
    }
    if (onProgress) await onProgress(done, changed);
    return changed;
  }

  /**
   * With the tracked read cache, the hot-store copy it holds is current (any process's write drops
   * it), so a colour changed elsewhere is seen by the next request here, not up to localTtlMs later;
   * while it is bypassed (its connections down) every request reads the hot store. This process's
   * own recomputation may be newer than the held copy until its invalidation comes.
   */
  private trackedCopy(personId: string): StoredStatus | undefined {
    const held = this.reads.peek<StoredStatus>(healthStatusKey(personId));
    if (!held) return undefined;
    const own = this.local.get(personId);
    return own && own.computedAt > held.computedAt ? own : held;
  }

  /** A recomputation that finished while this read was under way wins over what the read found. */
  private keepNewest(personId: string, found: StoredStatus): StoredStatus {
    const current = this.local.get(personId);
    if (current && current.computedAt > found.computedAt) return current;
    this.local.set(personId, found);
    return found;
  }

  riskAreasChanged(): void {
    this.riskAreaCache = null;
  }

  /** Drops the in-process copy (tests, and after the hot store was flushed). */
  forgetLocal(): void {
    this.local.clear();
    this.reads.clear();
  }

  private async riskAreas(): Promise<RiskArea[]> {
    const c = this.riskAreaCache;
    if (c && this.now() - c.at < this.settings.riskAreasTtlMs) return c.areas;
    const areas = await this.store.riskAreas();
    this.riskAreaCache = { areas, at: this.now() };
    return areas;
  }

  private async evaluateAndSave(personId: string, cause: string, actor: string): Promise<RecomputeResult> {
    const idHash = await this.store.idHashOf(personId);
    if (!idHash) throw new AppError(404, 'PERSON_NOT_FOUND', 'No such person');
    const inputs = { ...(await this.store.inputsOf(idHash, personId)), riskAreas: await this.riskAreas() };
    const evaluation = evaluateHealth(inputs, this.today(), this.rules);
    const status: StoredStatus = { ...evaluation, reviewOn: reviewDateOf(evaluation.reasons), computedAt: this.now() };
    const from = await this.store.transaction(async (tx) => {
      const prev = (await tx.statusOf(personId))?.colour ?? null;
      await tx.saveStatus(personId, status);
      if (isChange(prev, status.colour)) {
        await tx.addColourChange({ personId, from: prev, to: status.colour, cause, actor, at: status.computedAt });
        await tx.audit({ actor, action: 'health.colour_change', targetType: 'person', targetId: personId, details: { from: prev, to: status.colour, cause } });
        // In the same transaction: a committed change is always told, a rolled-back one never.
        await this.notifier.colourChanged({ personId, from: prev, to: status.colour, cause, at: status.computedAt, reason: status.reasons[0]?.text }, tx.connection());
      }
      return prev;
    });
    this.local.set(personId, status);
    await this.writeHot(personId, status);
    return { status, changed: isChange(from, status.colour) };
  }

  private async readHot(personId: string): Promise<StoredStatus | null> {
    try {
      return await this.reads.read(healthStatusKey(personId), parseStatus);
    } catch (err) {
      // The hot store is a cache here: MySQL answers while it is away.
      this.logger.warn({ err: String(err) }, 'health status: hot store read failed, reading MySQL');
      return null;
    }
  }

  /** onlyIfAbsent: a refill from MySQL never overwrites what a recomputation wrote meanwhile. */
  private async writeHot(personId: string, status: StoredStatus, onlyIfAbsent = false): Promise<void> {
    try {
      const key = healthStatusKey(personId);
      const value = JSON.stringify(status);
      this.reads.forget(key);
      if (onlyIfAbsent) await this.hot.setIfAbsent(key, value, this.settings.hotTtlMs);
      else await this.hot.set(key, value, this.settings.hotTtlMs);
    } catch (err) {
      this.logger.warn({ err: String(err) }, 'health status: hot store write failed');
    }
  }
}

function parseStatus(raw: string): StoredStatus {
  return JSON.parse(raw) as StoredStatus;
}

/** A status is stale once the day its first reason ends has come. */
function isFresh(s: StoredStatus, today: string): boolean {
  return s.reviewOn === null || today < s.reviewOn;
}

/** No status yet counts as green: a first computation that finds green is not a change. */
function isChange(from: StoredStatus['colour'] | null, to: StoredStatus['colour']): boolean {
  return from === null ? to !== 'green' : from !== to;
}
