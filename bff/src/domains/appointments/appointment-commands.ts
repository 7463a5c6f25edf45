import type { NoShowSweeper } from './no-show-sweeper';

export type Print = (line: string) => void;

export const APPOINTMENT_USAGE = `appointments:
  sweep-no-shows                           mark appointments not checked in by their slot's end as no-shows, block repeat no-shows, end started waitlists`;

export const APPOINTMENT_COMMANDS = new Set(['sweep-no-shows']);

/** `npm run admin -- sweep-no-shows`: what the BFF's sweeper does every minute, once, now (e.g. with runWorkers off). */
export async function runAppointmentCommand(sweeper: Pick<NoShowSweeper, 'sweep'>, argv: string[], print: Print): Promise<number> {
  if (argv.length !== 1) {
    print(APPOINTMENT_USAGE);
    return 2;
  }
  const r = await sweeper.sweep();
  print(`no-shows marked: ${r.noShows}, people blocked: ${r.blocked}, waitlist entries ended: ${r.expiredWaiters}, phantom places freed: ${r.phantomsFreed}`);
  return 0;
}
