import { readFileSync } from 'node:fs';
import type { VenuesServices } from './build-venues-domain';
import { parseVenueCsv } from './operations/parse-venue-csv';

export type Print = (line: string) => void;

export const VENUE_USAGE = `venues:
  import-venues <file.csv>                 venues "id,name,address,district,type,lat,lng" (all rows or none)
  purge-checkins                           delete check-ins older than venues.retentionDays`;

type Command = (venues: VenuesServices, actor: string, args: string[], print: Print) => Promise<number>;

const importVenues: Command = async (venues, actor, args, print) => {
  if (args.length !== 1) {
    print(VENUE_USAGE);
    return 2;
  }
  const { rows, errors } = parseVenueCsv(readFileSync(args[0], 'utf8'));
  for (const e of errors) print(`line ${e.line}: ${e.message}`);
  if (errors.length > 0) {
    print(`nothing imported: ${errors.length} bad row(s)`);
    return 1;
  }
  print(`imported ${await venues.venues.importAll(actor, rows)} venue(s)`);
  return 0;
};

const purge: Command = async (venues, actor, args, print) => {
  if (args.length !== 0) {
    print(VENUE_USAGE);
    return 2;
  }
  print(`deleted ${await venues.purgeCheckins(actor)} check-in(s) older than ${venues.retentionDays} day(s)`);
  return 0;
};

export const VENUE_COMMANDS: Record<string, Command> = { 'import-venues': importVenues, 'purge-checkins': purge };

export function runVenueCommand(venues: VenuesServices, actor: string, argv: string[], print: Print): Promise<number> {
  return VENUE_COMMANDS[argv[0]](venues, actor, argv.slice(1), print);
}
