import type { ChainableCommander } from 'ioredis';
import { toHotStoreError } from './hot-store-errors';

/**
 * Runs a MULTI (or pipeline) and returns its replies in order. ioredis resolves exec() even when a
 * command inside failed (each reply is [err, value]) and with null when a WATCH aborted it; both,
 * like a refused exec, are the hot store's error here (503 for an outage), never a silent success.
 */
export async function execReplies(m: ChainableCommander): Promise<unknown[]> {
  const reply = await m.exec().catch((err: unknown) => {
    throw toHotStoreError(err);
  });
  if (!reply) throw toHotStoreError(new Error('transaction aborted'));
  return reply.map(([err, value]) => {
    if (err) throw toHotStoreError(err);
    return value;
  });
}
