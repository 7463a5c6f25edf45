import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation';
import * as m0002 from './0002-masks';
import * as m0004 from './0004-health';

/** Versioned migrations, applied in key order; never edit one that has shipped, add the next. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-masks': m0002,
  '0004-health': m0004,
};
