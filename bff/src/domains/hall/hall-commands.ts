import { readFileSync } from 'node:fs';
import { isAppError } from '../../core/app-error';
import type { HallAdminService } from './registry/hall-admin-service';

export type Print = (line: string) => void;

export const HALL_USAGE = `service hall:
  import-halls <file.csv>                  halls, services and windows (all rows or none; format in docs/hall.md)`;

export const HALL_COMMANDS = new Set(['import-halls']);

/** `npm run admin -- import-halls file.csv`: every bad line printed, nothing saved unless all are good. */
export async function runHallCommand(admin: HallAdminService, actor: string, argv: string[], print: Print): Promise<number> {
  if (argv.length !== 2) {
    print(HALL_USAGE);
    return 2;
  }
  try {
    const r = await admin.importCsv(actor, readFileSync(argv[1], 'utf8'));
    print(`imported ${r.halls} hall(s), ${r.services} service(s), ${r.windows} window(s)`);
    return 0;
  } catch (err) {
    if (!isAppError(err)) throw err;
    print(`error: ${err.message}`);
    for (const d of Array.isArray(err.details) ? (err.details as { line: number; message: string }[]) : []) print(`line ${d.line}: ${d.message}`);
    return 1;
  }
}
