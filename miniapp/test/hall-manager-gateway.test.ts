import { httpHallManagerGateway } from '../src/packageHall/lib/http-hall-manager-gateway';
import { fakeServer, signedIn } from './helpers';

const HALL = {
  id: 'hall-1',
  name: '市民中心',
  address: '人民路1号',
  district: '东城区',
  location: null,
  openingHours: [{ weekday: 1, open: '09:00', close: '17:00' }],
  closedDays: [],
  remoteTickets: true,
  services: [{ id: 'svc-a', hallId: 'hall-1', name: '户籍办理', category: '公安', materials: [], expectedMinutes: 8, ticketPrefix: 'A', appointmentMode: 'allowed', waiting: 6 }],
  openNow: true,
  todayHours: [],
  distanceMetres: null,
};
const DETAIL = { hall: HALL, windows: [{ id: 'win-3', hallId: 'hall-1', number: 3, name: '综合窗口', serviceIds: ['svc-a'], status: 'open' }] };
const row = (id: string) => ({ id, served: 4, avgWaitMinutes: 12.5, avgServiceMinutes: 6, noShows: 1, ratings: 2, satisfaction: 0.5, averageScore: 3, poorRatings: 1, etaErrorP50Minutes: 2, etaErrorP90Minutes: 6 });

describe('hall manager gateway over HTTP (contracts → the manager pages’ view)', () => {
  beforeEach(() => {
    signedIn();
    fakeServer.on('GET', '/api/v1/halls/hall-1', fakeServer.json(200, DETAIL));
  });

  it('reads follow-ups with grade words and the service and window named, and closes one with its note', async () => {
    const rating = { id: 'r-1', ticketId: 't-1', hallId: 'hall-1', serviceId: 'svc-a', windowId: 'win-3', grade: 'very_dissatisfied', tags: ['等候太久'], comment: '太慢', createdAt: '2030-01-07T01:00:00.000Z' };
    const item = { id: 'f-1', ratingId: 'r-1', hallId: 'hall-1', status: 'open', dueAt: '2030-01-14T01:00:00.000Z', overdue: true, note: null, closedAt: null, createdAt: '2030-01-07T01:00:00.000Z', rating };
    fakeServer.on('GET', '/api/v1/halls/hall-1/rating-follow-ups', fakeServer.json(200, { items: [item] }));
    const [f] = await httpHallManagerGateway.followUps('hall-1', 'open');
    expect(fakeServer.requests.some((r) => r.url === 'http://api.test/api/v1/halls/hall-1/rating-follow-ups?status=open')).toBe(true);
    expect(f).toMatchObject({ id: 'f-1', overdue: true, grade: 1, gradeLabel: '非常不满意', serviceName: '户籍办理', windowLabel: '3', comment: '太慢' });

    fakeServer.on('POST', '/api/v1/halls/hall-1/rating-follow-ups/f-1/close', fakeServer.json(200, { followUp: { ...item, rating: undefined, status: 'closed', note: '已回访', closedAt: '2030-01-08T01:00:00.000Z' } }));
    await httpHallManagerGateway.closeFollowUp('hall-1', 'f-1', '已回访');
    expect(fakeServer.requests.at(-1)?.data).toEqual({ note: '已回访' });
  });

  it('reads statistics with service and window names, ETA error and slot settings', async () => {
    fakeServer.on('GET', '/api/v1/halls/hall-1/stats', fakeServer.json(200, { hallId: 'hall-1', from: '2030-01-01', to: '2030-01-07', services: [row('svc-a')], windows: [row('win-3')], followUps: { open: 1, overdue: 0 } }));
    const s = await httpHallManagerGateway.stats('hall-1', '2030-01-01', '2030-01-07');
    expect(s.services[0]).toMatchObject({ name: '户籍办理', served: 4, avgWaitMin: 12.5, satisfaction: 0.5, etaErrorP50Min: 2 });
    expect(s.windows[0].name).toBe('3号窗口');

    fakeServer.on('GET', '/api/v1/admin/halls/hall-1/eta-error', fakeServer.json(200, { hallId: 'hall-1', days: 30, services: [{ serviceId: 'svc-a', serviceName: '户籍办理', samples: 9, meanAbsErrorMin: 2.5, p90AbsErrorMin: 6, withinP90Share: 0.9 }] }));
    expect((await httpHallManagerGateway.etaError('hall-1', 30))[0]).toMatchObject({ samples: 9, withinP90Share: 0.9 });
    expect(fakeServer.requests.at(-1)?.url).toBe('http://api.test/api/v1/admin/halls/hall-1/eta-error?days=30');

    const setting = { serviceId: 'svc-a', serviceName: '户籍办理', slotMinutes: 60, capacity: 4, effectiveSlotMinutes: 60, effectiveCapacity: 4, updatedAt: '2030-01-07T01:00:00.000Z' };
    fakeServer.on('PUT', '/api/v1/halls/hall-1/services/svc-a/slot-settings', fakeServer.json(200, { settings: setting }));
    expect(await httpHallManagerGateway.setSlotSettings('hall-1', 'svc-a', { slotMinutes: 60, capacity: 4 })).toMatchObject({ effectiveSlotMinutes: 60, effectiveCapacity: 4 });
    expect(fakeServer.requests.at(-1)?.data).toEqual({ slotMinutes: 60, capacity: 4 });
  });
});
