import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPTS, type PathName } from './masks-options';
import type { SeededWorld } from './seed';

/** Persons kept for the probes (tokens 0–3). */
export const PROBES = 4;

export interface BookingPools {
  /** Whether the A/B twin (E bookingB, F soldoutB) runs. */
  twin: boolean;
  /** The token file (one "token pharmacy" line per request) of a path in a slot (0: warm-up, or round 1). */
  fileFor: (path: PathName, slot: number) => string;
}

/**
 * Who books in which slice: each booking slice its own people (the BFF and the MySQL-only path
 * keep separate books, so slice k of both uses pool k); sold-out and bare reuse a small pool.
 */
export function writeBookingPools(world: SeededWorld, work: string): BookingPools {
  const SMALL_POOL = Math.min(2000, Math.floor(OPTS.persons / 10));
  const bookable = OPTS.persons - PROBES - SMALL_POOL;
  const units = OPTS.warmupSec + OPTS.rounds * OPTS.sliceSec;
  const warmupPool = OPTS.warmupSec > 0 ? Math.floor((bookable * OPTS.warmupSec) / units) : 0;
  const roundPool = Math.floor((bookable - warmupPool) / OPTS.rounds);
  const pick = (arr: string[]) => arr[Math.floor(Math.random() * arr.length)];
  const bookingPharmacies = OPTS.hot > 0 ? world.pharmacyIds.slice(0, OPTS.hot) : world.pharmacyIds;
  const writeLines = (name: string, from: number, count: number, pharmacy: () => string) => {
    const file = join(work, name);
    const lines: string[] = [];
    for (let i = from; i < from + count; i++) lines.push(`${world.tokens[i]} ${pharmacy()}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };
  const smallFrom = PROBES;
  const bareFile = writeLines('bare.txt', smallFrom, SMALL_POOL, () => pick(world.pharmacyIds));
  const soldOutFile = writeLines('soldout.txt', smallFrom, SMALL_POOL, () => world.soldOutPharmacyId);
  const bookingFiles: string[] = [];
  let from = PROBES + SMALL_POOL;
  // With --ab-env the twin books other people: each pool is split in halves, first half B, second E.
  const twin = OPTS.paths.includes('bookingB') || OPTS.paths.includes('soldoutB');
  const half = (n: number) => (twin ? Math.floor(n / 2) : n);
  const twinFiles: string[] = [];
  const addPool = (name: string, count: number) => {
    bookingFiles.push(writeLines(`${name}.txt`, from, half(count), () => pick(bookingPharmacies)));
    if (twin) twinFiles.push(writeLines(`${name}-b.txt`, from + half(count), half(count), () => pick(bookingPharmacies)));
    from += count;
  };
  if (OPTS.warmupSec > 0) addPool('book-warmup', warmupPool);
  for (let r = 1; r <= OPTS.rounds; r++) addPool(`book-round${r}`, roundPool);
  return {
    twin,
    fileFor: (p, slot) => (p === 'bare' ? bareFile : p === 'soldout' || p === 'soldoutB' ? soldOutFile : p === 'bookingB' ? twinFiles[slot] : bookingFiles[slot]),
  };
}
