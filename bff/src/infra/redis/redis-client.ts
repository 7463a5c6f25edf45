import type { Cluster, Redis } from 'ioredis';

/** A standalone server or a Cluster: everything above infra/redis works with either. */
export type RedisClient = Redis | Cluster;
