import type { Middleware } from 'koa';
import { FailureLockout } from '../infra/hot-store/failure-lockout';
import type { ReplicaAck } from '../infra/redis/replica-ack';
import { buildMasksDomain, type MasksDomain } from '../domains/masks/build-masks-domain';
import { createMaskHotPath, type MaskHotPathRuntime } from '../domains/masks/hot-path/create-mask-hot-path';
import type { MaskHotPath } from '../domains/masks/hot-path/mask-hot-path';
import type { MaskHotPathFactory } from '../domains/masks/mask-hot-path-handle';
import { ShortCodes } from '../domains/masks/pickup-code/short-code';
import type { NotificationOutbox } from '../domains/notifications/notification-outbox';
import type { IdentityCore } from './identity-core';
import { instanceName, type Platform } from './platform';

export interface MasksWiring {
  domain: MasksDomain;
  hotPath: MaskHotPath;
  /** Null when a test supplied the hot path (AppDeps.maskHotPath). */
  runtime: MaskHotPathRuntime | null;
  /** Stops the outbox consumer (ours or the test's hot path). */
  close(): Promise<void>;
}

export interface MasksPorts {
  /** A test's own hot path instead of the configured one. */
  hotPathFactory?: MaskHotPathFactory;
  replicaAck: ReplicaAck | null;
  uploadBody: Middleware;
  notices: Pick<NotificationOutbox, 'enqueue'>;
}

/** The hot path (started as config says), then the masks domain on it. */
export async function wireMasks(
  platform: Platform,
  core: Pick<IdentityCore, 'directory' | 'roles' | 'audit' | 'limiter' | 'authenticate' | 'sessions'>,
  ports: MasksPorts,
): Promise<MasksWiring> {
  const { config, database, redis, hotStore, logger, now } = platform;
  const shortCodes = new ShortCodes(config.masks.pickupCodeKey);
  const shortCodeMisses = new FailureLockout(hotStore, 'short-code-miss', { limit: config.rateLimit.shortCodeMissesPerMinute, windowMs: 60_000, lockMs: config.rateLimit.shortCodeLockMinutes * 60_000 }, now);
  const runtime = ports.hotPathFactory
    ? null
    : createMaskHotPath({ redis, database, instanceName: instanceName(config), replicaAck: ports.replicaAck, timings: { holdLeaseMs: config.masks.holdLeaseMs }, logger, shortCodes });
  const handle = ports.hotPathFactory ? await ports.hotPathFactory(database, logger, shortCodes) : null;
  const hotPath = runtime?.hotPath ?? (handle as NonNullable<typeof handle>).hotPath;
  // In-process: start() rebuilds the state that died with the last process, always needed.
  // Redis: start() runs the outbox consumer, which API-only processes may leave to others.
  if (runtime && (!redis || config.masks.runWorkers)) await runtime.start();
  const { directory, roles, audit, limiter, authenticate, sessions } = core;
  const domain = buildMasksDomain({ db: database.db, config: config.masks, hotPath, directory, roles, audit, limiter, authenticate, uploadBody: ports.uploadBody, sessions, notices: ports.notices, logger, now, shortCodes, shortCodeMisses });
  return {
    domain,
    hotPath,
    runtime,
    async close() {
      await runtime?.stop();
      await handle?.close();
    },
  };
}
