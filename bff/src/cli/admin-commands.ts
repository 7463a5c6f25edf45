import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { userInfo } from 'node:os';
import { GrantRoleRequest, LoginChannel } from '@govpass/shared-types';
import type { GovpassApp } from '../app';
import {
  OPERATIONS_USAGE,
  drawCommand,
  expireCommand,
  importPharmaciesCommand,
  ledgerCommand,
  reportCommand,
  type OperationsCommandDeps,
} from '../domains/masks/operations/operations-commands';
import { HEALTH_COMMANDS, HEALTH_USAGE, runHealthCommand } from '../domains/health/health-commands';
import { HALL_COMMANDS, HALL_USAGE, runHallCommand } from '../domains/hall/hall-commands';
import { APPOINTMENT_COMMANDS, APPOINTMENT_USAGE, runAppointmentCommand } from '../domains/appointments/appointment-commands';
import { VENUE_COMMANDS, VENUE_USAGE, runVenueCommand } from '../domains/venues/venue-commands';
import { applicantRefKey, applicantRefs } from '../domains/masks/lottery/applicant-ref';

export type Print = (line: string) => void;

const USAGE = `usage: npm run admin -- <command> [options]
  grant   (--account <id> | --channel <weapp|alipay|h5> --user <platform user id>) --role <role> [--scope <place id>]
  revoke  (same options as grant)
  roles   (--account <id> | --channel … --user …)
  load-registry <file.csv>      population registry rows "name,idNumber" (all or nothing)
  rebuild-hot-store             after Redis lost data: write out the outbox, then refill quotas, holds and repeat periods (and the hall queue) from MySQL
  purge-retention               delete records kept past their retention period (privacy.retention; docs/privacy.md)
${OPERATIONS_USAGE}
${HEALTH_USAGE}
${HALL_USAGE}
${APPOINTMENT_USAGE}
${VENUE_USAGE}`;

const OPERATIONS = {
  ledger: ledgerCommand,
  report: reportCommand,
  'import-pharmacies': importPharmaciesCommand,
  draw: drawCommand,
  expire: expireCommand,
} as const;

function operationsDeps(app: GovpassApp, actor: string): OperationsCommandDeps {
  return { db: app.database.db, hotPath: app.services.maskHotPath, audit: app.services.audit, actor, now: Date.now, pickupDays: app.config.masks.pickupCodeTtlDays, applicantRef: applicantRefs(applicantRefKey(app.config.masks.pickupCodeKey)), shortCodes: app.services.masks.shortCodes };
}

async function rebuildHotStore(app: GovpassApp, actor: string, print: Print): Promise<number> {
  const runtime = app.services.maskRuntime;
  if (!runtime) throw new Error('this app was built without its own mask hot path');
  const summary = await runtime.rebuild();
  print(`rebuilt: ${summary.counters} counter(s), ${summary.holds} hold(s), ${summary.repeatPeriods} repeat period(s) filled in`);
  await app.services.audit.record({ actor, action: 'masks.rebuild-hot-store', targetType: 'hot-store', targetId: 'masks', details: { ...summary } });
  const drained = await app.services.venues.checkinRuntime.rebuild();
  print(`check-ins: ${drained} stream entr(ies) written, dedupe marks and day counts refilled`);
  await app.services.audit.record({ actor, action: 'venues.rebuild-hot-store', targetType: 'hot-store', targetId: 'checkins', details: { drained } });
  const hallShards = (await app.services.hall.queueRuntime?.rebuild()) ?? 0;
  print(`hall queue: ${hallShards} lost shard(s) refilled from hall_tickets`);
  await app.services.audit.record({ actor, action: 'hall.rebuild-hot-store', targetType: 'hot-store', targetId: 'hall-tickets', details: { shards: hallShards } });
  return 0;
}

const OPTIONS = {
  account: { type: 'string' },
  channel: { type: 'string' },
  user: { type: 'string' },
  role: { type: 'string' },
  scope: { type: 'string' },
} as const;

async function accountFrom(app: GovpassApp, v: Record<string, string | undefined>): Promise<string> {
  if (v.account) return v.account;
  if (v.channel && v.user) {
    // Creating the account here lets the first administrator be named before their first login.
    return (await app.services.accounts.findOrCreate(LoginChannel.parse(v.channel), v.user)).id;
  }
  throw new Error('name the account with --account <id>, or --channel and --user');
}

/** The admin command line; returns the exit code. The actor in the audit log is `cli:<os user>`. */
export async function runAdminCommand(app: GovpassApp, argv: string[], print: Print): Promise<number> {
  const actor = `cli:${userInfo().username}`;
  const operation = OPERATIONS[argv[0] as keyof typeof OPERATIONS];
  // The mask operations parse their own options.
  if (operation) return operation(operationsDeps(app, actor), argv.slice(1), print);
  if (argv[0] === 'rebuild-hot-store') return rebuildHotStore(app, actor, print);
  if (argv[0] in HEALTH_COMMANDS) return runHealthCommand(app.services.health, actor, argv, print);
  if (HALL_COMMANDS.has(argv[0])) return runHallCommand(app.services.hall.admin, actor, argv, print);
  if (APPOINTMENT_COMMANDS.has(argv[0])) return runAppointmentCommand(app.services.appointments.noShows, argv, print);
  if (argv[0] in VENUE_COMMANDS) return runVenueCommand(app.services.venues, actor, argv, print);
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const [command, ...rest] = positionals;
  switch (command) {
    case 'grant':
    case 'revoke': {
      const req = GrantRoleRequest.parse({ accountId: await accountFrom(app, values), role: values.role, scopeId: values.scope ?? null });
      const roles = command === 'grant' ? await app.services.roles.grant(actor, req, null) : await app.services.roles.revoke(actor, req, null);
      print(`${command === 'grant' ? 'granted' : 'revoked'} ${req.role}${req.scopeId ? `@${req.scopeId}` : ''} for account ${req.accountId}`);
      print(`roles now: ${roles.map((r) => (r.scopeId ? `${r.role}@${r.scopeId}` : r.role)).join(', ')}`);
      return 0;
    }
    case 'roles': {
      const id = await accountFrom(app, values);
      for (const r of await app.services.roles.rolesOf(id)) print(r.scopeId ? `${r.role}@${r.scopeId}` : r.role);
      return 0;
    }
    case 'load-registry': {
      if (!rest[0]) throw new Error('load-registry needs a CSV file');
      const result = await app.services.registry.loadCsv(readFileSync(rest[0], 'utf8'));
      for (const e of result.errors) print(`line ${e.line}: ${e.message}`);
      print(result.errors.length ? `nothing loaded: ${result.errors.length} bad row(s)` : `loaded ${result.loaded} registry row(s)`);
      await app.services.audit.record({ actor, action: 'registry.load', targetType: 'registry', targetId: 'population', details: { loaded: result.loaded, errors: result.errors.length } });
      return result.errors.length ? 1 : 0;
    }
    case 'purge-retention': {
      const deleted = await app.services.retention.run(actor);
      for (const [rule, n] of Object.entries(deleted)) print(`${rule}: ${n} deleted`);
      return 0;
    }
    default:
      print(USAGE);
      return command ? 2 : 0;
  }
}
