import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation';

/** Versioned migrations, applied in key order; never edit one that has shipped, add the next. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
};
