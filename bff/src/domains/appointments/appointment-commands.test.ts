import { runAppointmentCommand } from './appointment-commands';

describe('admin sweep-no-shows', () => {
  it('sweeps once and prints what it did; prints the usage for extra arguments', async () => {
    const lines: string[] = [];
    const sweeper = { sweep: jest.fn().mockResolvedValue({ noShows: 4, blocked: 1, expiredWaiters: 2, phantomsFreed: 1 }) };
    expect(await runAppointmentCommand(sweeper, ['sweep-no-shows'], (l) => lines.push(l))).toBe(0);
    expect(lines).toEqual(['no-shows marked: 4, people blocked: 1, waitlist entries ended: 2, phantom places freed: 1']);
    expect(await runAppointmentCommand(sweeper, ['sweep-no-shows', 'x'], (l) => lines.push(l))).toBe(2);
    expect(sweeper.sweep).toHaveBeenCalledTimes(1);
  });
});
