// cluster-key-slot (ioredis' own slot function) ships no types.
declare module 'cluster-key-slot' {
  /** The Redis Cluster slot (CRC16 of the hash tag or the whole key, mod 16384). */
  function calculateSlot(key: string | Buffer): number;
  export = calculateSlot;
}
