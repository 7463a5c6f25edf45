import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation';
import * as m0002 from './0002-masks';
import * as m0003 from './0003-personal-codes';
import * as m0004 from './0004-health';
import * as m0005 from './0005-notifications';
import * as m0006 from './0006-venues';
import * as m0007 from './0007-hall';
import * as m0008 from './0008-appointments';
import * as m0009 from './0009-rights';
import * as m0010 from './0010-mask-short-codes';
import * as m0012 from './0012-round-lifecycle';
import * as m0014 from './0014-audit-search';
import * as m0015 from './0015-hall-ticket-stream';
import * as m0016 from './0016-hall-staff';
import * as m0019 from './0019-account-erasures';

/** Versioned migrations, applied in key order; never edit one that has shipped, add the next. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-masks': m0002,
  '0003-personal-codes': m0003,
  '0004-health': m0004,
  '0005-notifications': m0005,
  '0006-venues': m0006,
  '0007-hall': m0007,
  '0008-appointments': m0008,
  '0009-rights': m0009,
  '0010-mask-short-codes': m0010,
  '0012-round-lifecycle': m0012,
  '0014-audit-search': m0014,
  '0015-hall-ticket-stream': m0015,
  '0016-hall-staff': m0016,
  '0019-account-erasures': m0019,
};
