import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation';
import * as m0002 from './0002-masks';
import * as m0003 from './0003-personal-codes';
import * as m0004 from './0004-health';
import * as m0005 from './0005-notifications';
import * as m0009 from './0009-rights';

/** Versioned migrations, applied in key order; never edit one that has shipped, add the next. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-masks': m0002,
  '0003-personal-codes': m0003,
  '0004-health': m0004,
  '0005-notifications': m0005,
  '0009-rights': m0009,
};
