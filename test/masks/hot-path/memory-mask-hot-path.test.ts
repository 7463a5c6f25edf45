import { MemoryMaskHotPath } from '../../../bff/src/domains/masks/hot-path/memory-mask-hot-path';
import { SqlReservationSink } from '../../../bff/src/domains/masks/hot-path/sql-reservation-sink';
import { describeMaskHotPathContract } from './mask-hot-path-contract';
import { openScratchMaskDb, TEST_SHORT_CODES, type ScratchMaskDb } from './hot-path-test-support';

let scratch: ScratchMaskDb;

beforeAll(async () => {
  scratch = await openScratchMaskDb();
});

afterAll(async () => {
  await scratch?.close();
});

// The in-process twin writes its rows through the same SQL sink, here into MySQL.
describeMaskHotPathContract(
  'MemoryMaskHotPath (in-process, write-through)',
  () => scratch.db,
  async (db) => {
    const sink = new SqlReservationSink(db, 'mysql', { shortCodes: TEST_SHORT_CODES });
    let hotPath = new MemoryMaskHotPath(sink);
    return {
      get hotPath() {
        return hotPath;
      },
      drain: async () => undefined,
      flush: async () => {
        hotPath = new MemoryMaskHotPath(sink);
      },
      cleanup: async () => undefined,
    };
  },
);
