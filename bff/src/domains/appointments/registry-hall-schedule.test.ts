import { RegistryHallSchedule, type HallRegistryView } from './registry-hall-schedule';

const registry: HallRegistryView = {
  getHall: (id) =>
    Promise.resolve(
      id === 'h1'
        ? {
            name: '市民之家',
            openingHours: [
              { weekday: 1, open: '13:30', close: '17:00' },
              { weekday: 1, open: '09:00', close: '12:00' },
              { weekday: 6, open: '09:00', close: '12:00' },
            ],
            closedDays: ['2026-03-16'],
          }
        : null,
    ),
  listServices: () => Promise.resolve([{ id: 's1', name: '户籍办理', appointmentMode: 'allowed' }]),
};

describe('RegistryHallSchedule', () => {
  const schedule = new RegistryHallSchedule(registry);

  it.each([
    ['2026-03-09', 2], // Monday
    ['2026-03-14', 1], // Saturday
    ['2026-03-15', 0], // Sunday: no hours
    ['2026-03-16', 0], // a Monday that is a closed day
  ])('%s has %i opening periods', async (date, n) => {
    expect((await schedule.hallDay('h1', date))?.periods).toHaveLength(n);
  });

  it('knows no unknown hall, and a service by its id', async () => {
    expect(await schedule.hallDay('nope', '2026-03-09')).toBeNull();
    expect(await schedule.serviceBooking('h1', 's1')).toEqual({ serviceName: '户籍办理', mode: 'allowed', slotMinutes: null, slotCapacity: null });
    expect(await schedule.serviceBooking('h1', 's2')).toBeNull();
  });
});
