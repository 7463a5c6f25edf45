import { sceneOf, type MiniCodePlatform, type PlaceEntry } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import type { LRUCache } from 'lru-cache';
import { ttlCache } from '../../core/ttl-cache';
import type { EntryService } from './entry-service';
import type { MiniCodeImage, MiniCodeProvider } from './mini-code-provider';

/** Codes kept per process: an administrator prints a few hundred places, a code is ≈ 50–100 KB. */
const MAX_CACHED = 200;

/**
 * Mini-program codes for administrators to print: one per place and platform, fetched once and
 * kept (a code never expires upstream, and getUnlimited is rate-limited); concurrent requests
 * for the same code share one upstream call. Failures are not cached.
 */
export class MiniCodeService {
  private readonly cache: LRUCache<string, MiniCodeImage>;
  private readonly inFlight = new Map<string, Promise<MiniCodeImage>>();

  constructor(
    private readonly providers: Partial<Record<MiniCodePlatform, MiniCodeProvider>>,
    private readonly entries: EntryService,
    cacheTtlMs: number,
    now: () => number,
  ) {
    this.cache = ttlCache(cacheTtlMs, MAX_CACHED, now);
  }

  async codeOf(entry: PlaceEntry, platform: MiniCodePlatform): Promise<MiniCodeImage> {
    const provider = this.providers[platform];
    if (!provider) {
      throw new AppError(503, 'UPSTREAM_UNAVAILABLE', `Mini-program codes for ${platform} are not set up on this server`, { details: { upstream: platform === 'weapp' ? 'wechat' : 'alipay', reason: 'not_configured' } });
    }
    if (!(await this.entries.exists(entry))) throw new AppError(404, 'NOT_FOUND', 'This place does not exist (any more)', { details: { kind: entry.kind } });
    const scene = sceneOrRefusal(entry);
    const key = `${platform}:${scene}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = provider.create(scene).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    const image = await pending;
    this.cache.set(key, image);
    return image;
  }
}

function sceneOrRefusal(entry: PlaceEntry): string {
  try {
    return sceneOf(entry);
  } catch {
    // An id of 31–36 characters that is not a UUID: print the URL code instead.
    throw new AppError(400, 'VALIDATION_FAILED', 'This id is too long for a mini-program code; print the poster’s QR code instead', { details: [{ path: 'id', message: '编号过长，无法生成小程序码，请使用海报二维码' }] });
  }
}
