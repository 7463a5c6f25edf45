import type { DatabaseHandle } from '../../infra/db/create-database';
import type { Logger } from '../../core/create-logger';
import type { MaskHotPath } from './hot-path/mask-hot-path';
import type { ShortCodes } from './pickup-code/short-code';

/** A running hot path and what must stop with the app (the outbox consumer, its Redis clients). */
export interface MaskHotPathHandle {
  hotPath: MaskHotPath;
  close(): Promise<void>;
}

/** Builds the hot path once the database exists; tests pass their own to buildApp (AppDeps.maskHotPath). */
export type MaskHotPathFactory = (database: DatabaseHandle, logger: Logger, shortCodes: ShortCodes) => Promise<MaskHotPathHandle>;
