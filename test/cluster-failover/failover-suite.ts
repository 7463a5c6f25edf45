import type { Cluster } from 'ioredis';
import { closeRedisClient } from '../../bff/src/infra/redis/create-redis-client';
import { connectOrFail } from '../hot-store/redis-test-support';
import { FAILOVER_NODES, healthyFailoverCluster } from '../support/failover-cluster';
import { deleteKeysUnder, report, type SurgeApp } from '../masks/surge/surge-support';

/**
 * A failover test file's setup and teardown: a healthy 3+3 cluster before, an admin connection to
 * it, and afterwards the app closed, the cluster left healthy for the next file (whatever the test
 * killed) and this file's keys deleted. Returns the admin connection (set once beforeAll ran).
 */
export function failoverSuite(prefix: string, app: () => SurgeApp | undefined): () => Cluster {
  let admin: Cluster | undefined;
  beforeAll(async () => {
    await healthyFailoverCluster();
    admin = (await connectOrFail({ redisUrl: null, redisClusterNodes: FAILOVER_NODES, redisKeyPrefix: '' })) as Cluster;
  }, 40_000);

  afterAll(async () => {
    await app()?.close();
    await healthyFailoverCluster().catch((err: Error) => report(`failover cluster left unhealthy: ${err.message}`));
    if (admin) {
      await deleteKeysUnder(admin, prefix).catch(() => undefined);
      await closeRedisClient(admin);
    }
  }, 60_000);

  return () => admin as Cluster;
}
