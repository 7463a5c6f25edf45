import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { isAppError } from '../../../core/app-error';
import type { Database } from '../../../infra/db/database';
import type { AuditLog } from '../../audit/audit-log';
import type { MaskHotPath } from '../hot-path/mask-hot-path';
import { chinaDateOf } from '../../../core/china-date';
import { expireRound, runDueExpiries, type ExpiryOutcome } from './expire-round';
import { importPharmacies } from './import-pharmacies';
import { checkLedger, formatLedger, pharmacyReportCsv } from './ledger';
import { LotteryDrawService } from './lottery-draw-service';
import { parseCsv } from '../../../core/parse-csv';
import type { ShortCodes } from '../pickup-code/short-code';
import type { ApplicantRefOf } from '../lottery/applicant-ref';

export type Print = (line: string) => void;

export interface OperationsCommandDeps {
  db: Kysely<Database>;
  hotPath: MaskHotPath;
  audit: AuditLog;
  /** Who the audit log names, e.g. `cli:<os user>`. */
  actor: string;
  now: () => number;
  /** masks.pickupCodeTtlDays (default 1): expiry waits until codes stop working. */
  pickupDays?: number;
  /** The draw's applicant pseudonyms (keyed by masks.pickupCodeKey, as the BFF's). */
  applicantRef: ApplicantRefOf;
  /** Winners' 取货码 (absent: QR only). */
  shortCodes?: ShortCodes;
}

export const OPERATIONS_USAGE = `mask operations:
  ledger                                   check quota + rolled_in = reserved + remaining (exit 1 on violations)
  report [--date YYYY-MM-DD] [--out file]  per-pharmacy CSV of the rounds picked up that day (default today, China time)
  import-pharmacies <file.csv>             upsert pharmacies: id,name,address,district,latitude,longitude,phone,openingHours (all or nothing)
  draw --round <id> [--seed <text>]        draw a closed lottery round (seed published before results; random when absent)
  draw --round <id> --verify               recompute a draw from its published seed and compare
  expire (--round <id> | --due)            expire unredeemed reservations after pickup and roll units into the next round`;

type Command = (deps: OperationsCommandDeps, args: string[], print: Print) => Promise<number>;

/** Expected refusals (409, 404, bad arguments) print and exit 1 or 2; anything else propagates. */
function guarded(command: Command): Command {
  return async (deps, args, print) => {
    try {
      return await command(deps, args, print);
    } catch (err) {
      if (isAppError(err)) {
        print(`error: ${err.message}`);
        return 1;
      }
      if ((err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
        print(`error: ${(err as Error).message}`);
        print(OPERATIONS_USAGE);
        return 2;
      }
      throw err;
    }
  };
}

function usage(print: Print, message: string): number {
  print(`error: ${message}`);
  print(OPERATIONS_USAGE);
  return 2;
}

export const ledgerCommand: Command = guarded(async (deps, args, print) => {
  parseArgs({ args, options: {}, strict: true });
  const result = await checkLedger(deps.db, deps.hotPath, { now: deps.now() });
  for (const line of formatLedger(result)) print(line);
  return result.violations.length ? 1 : 0;
});

export const reportCommand: Command = guarded(async (deps, args, print) => {
  const { values } = parseArgs({ args, options: { date: { type: 'string' }, out: { type: 'string' } }, strict: true });
  const date = values.date ?? chinaDateOf(deps.now());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return usage(print, `--date must be YYYY-MM-DD, got ${date}`);
  const csv = await pharmacyReportCsv(deps.db, date, deps.hotPath);
  if (values.out) {
    // The BOM makes Excel read the Chinese names as UTF-8.
    writeFileSync(values.out, `\uFEFF${csv}`, 'utf8');
    print(`wrote ${parseCsv(csv).length - 1} row(s) for ${date} to ${values.out}`);
  } else {
    for (const line of csv.split('\r\n').slice(0, -1)) print(line);
  }
  return 0;
});

export const importPharmaciesCommand: Command = guarded(async (deps, args, print) => {
  const { positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true });
  if (positionals.length !== 1) return usage(print, 'import-pharmacies needs one CSV file');
  const result = await importPharmacies(deps.db, readFileSync(positionals[0], 'utf8'), deps.actor, deps.audit, deps.now);
  for (const e of result.errors) print(`line ${e.line}: ${e.message}`);
  if (result.errors.length) {
    print(`nothing imported: ${result.errors.length} problem(s)`);
    return 1;
  }
  print(`imported ${result.rows} pharmacies: ${result.created} new, ${result.updated} updated, ${result.unchanged} unchanged`);
  return 0;
});

export const drawCommand: Command = guarded(async (deps, args, print) => {
  const { values } = parseArgs({ args, options: { round: { type: 'string' }, seed: { type: 'string' }, verify: { type: 'boolean' } }, strict: true });
  if (!values.round) return usage(print, 'draw needs --round <id>');
  const service = new LotteryDrawService(deps.db, deps.hotPath, deps.audit, deps.now, deps.applicantRef, deps.shortCodes);
  if (values.verify) {
    const v = await service.verifyDraw(values.round);
    print(`round ${v.roundId}: seed ${v.seed}, drawn ${new Date(v.drawnAt).toISOString()}, ${v.applications} application(s)`);
    if (!v.seedMatchesPublished) print('the stored seed differs from the seed published in the audit log');
    for (const m of v.mismatches) print(`  ${m.pharmacyId} ${m.personId}${m.applicationId ? ` (application ${m.applicationId})` : ''}: ${m.problem}`);
    print(v.matches ? 'verified: the stored results are exactly what the seed gives' : `NOT verified: ${v.mismatches.length} mismatch(es)`);
    return v.matches ? 0 : 1;
  }
  const d = await service.draw(values.round, deps.actor, { seed: values.seed });
  print(`round ${d.roundId} drawn at ${new Date(d.drawnAt).toISOString()} with seed ${d.seed}`);
  print(`${d.applications} application(s): ${d.winners} won, ${d.losers} lost (${d.ineligible} passed over for holding another reservation)`);
  for (const p of d.pharmacies) print(`  ${p.pharmacyId}: ${p.winners}/${p.units} unit(s) to ${p.applicants} applicant(s)`);
  if (!d.hotPath.synced) print(`warning: hot path not updated (${d.hotPath.error}); run rebuild-hot-store`);
  return 0;
});

function printExpiry(print: Print, o: ExpiryOutcome): void {
  if (o.alreadyExpired) {
    print(`round ${o.roundId} was already expired at ${new Date(o.expiredAt).toISOString()}; nothing changed`);
  } else {
    print(`round ${o.roundId}: ${o.expired} reservation(s) expired${o.rolledInto ? `, units rolled into round ${o.rolledInto}` : ''}`);
    for (const r of o.rolled) print(`  ${r.pharmacyId}: +${r.units}${r.unbooked > 0 ? ` (${r.uncollected} uncollected, ${r.unbooked} never booked)` : ''}`);
  }
  if (!o.hotPath.synced) print(`warning: hot path not updated (${o.hotPath.error}); run rebuild-hot-store`);
}

export const expireCommand: Command = guarded(async (deps, args, print) => {
  const { values } = parseArgs({ args, options: { round: { type: 'string' }, due: { type: 'boolean' } }, strict: true });
  const expiry = { db: deps.db, hotPath: deps.hotPath, audit: deps.audit, pickupDays: deps.pickupDays };
  if (values.round && !values.due) {
    printExpiry(print, await expireRound(expiry, values.round, deps.now(), deps.actor));
    return 0;
  }
  if (!values.due || values.round) return usage(print, 'expire needs either --round <id> or --due');
  const due = await runDueExpiries(expiry, deps.now(), deps.actor);
  for (const o of due.expired) printExpiry(print, o);
  for (const w of due.waiting) print(`round ${w.roundId} waits: ${w.reason}`);
  if (due.expired.length === 0 && due.waiting.length === 0) print('no round is due for expiry');
  return due.waiting.length ? 1 : 0;
});
