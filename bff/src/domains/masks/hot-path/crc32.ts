import { utf8Bytes } from '@govpass/shared-types';

/**
 * CRC-32 (IEEE 802.3, the zlib/PNG one) of a string's UTF-8 bytes, in plain JS: the pharmacy
 * shard must be the same number wherever it is computed (BFF, admin tools, a future worker in
 * another runtime), so it uses a standard checksum and no Node-only API.
 */
const TABLE = buildTable();

function buildTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** Unsigned CRC-32 of the UTF-8 encoding of `s`. */
export function crc32(s: string): number {
  let c = 0xffffffff;
  for (const b of utf8Bytes(s)) c = TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
