import { httpHallGateway } from '../src/packageHall/lib/http-hall-gateway';
import { fakeServer, signedIn } from './helpers';

const T = (state: string, extra: Record<string, unknown> = {}) => ({
  id: 't-1',
  hallId: 'hall-1',
  hallName: '市民中心',
  serviceId: 'svc-a',
  serviceName: '户籍办理',
  number: 'A012',
  state,
  ticketClass: 'appointment',
  position: 5,
  ahead: 4,
  nowServing: [{ number: 'A008', windowNumber: 1 }],
  window: null,
  eta: { p50Min: 14, p90Min: 26, basis: 'measured' },
  takenAt: '2030-01-07T01:00:00.000Z',
  arrivedAt: '2030-01-07T01:00:00.000Z',
  calledAt: null,
  finishedAt: null,
  appointmentId: 'ap-1',
  ...extra,
});

const HALL = {
  id: 'hall-1',
  name: '市民中心',
  address: '人民路1号',
  district: '东城区',
  location: null,
  openingHours: [{ weekday: 1, open: '09:00', close: '17:00' }],
  closedDays: [],
  remoteTickets: true,
  services: [
    { id: 'svc-a', hallId: 'hall-1', name: '户籍办理', category: '公安', materials: [{ name: '身份证', required: true, note: null }], expectedMinutes: 8, ticketPrefix: 'A', appointmentMode: 'allowed', waiting: 6 },
  ],
  openNow: false,
  todayHours: [],
  distanceMetres: 1200,
};

const call = (id: string, number: string, windowNumber: number) => ({ callId: id, number, windowNumber, windowName: 'x', serviceName: '户籍办理', calledAt: '2030-01-07T01:00:00.000Z', recall: false });
const BOARD = {
  hallId: 'hall-1',
  hallName: '市民中心',
  nowCalling: [call('c2', 'A012', 3)],
  recentCalls: [call('c2', 'A012', 3), call('c1', 'A011', 1)],
  waiting: [{ serviceId: 'svc-a', serviceName: '户籍办理', ticketPrefix: 'A', waiting: 6 }],
  generatedAt: '2030-01-07T01:00:00.000Z',
};

describe('hall gateway over HTTP (the shared contracts → the pages’ view)', () => {
  beforeEach(() => signedIn());

  it('reads halls with distance, hours, services and waiting counts, sending the position', async () => {
    fakeServer.on('GET', '/api/v1/halls', fakeServer.json(200, { items: [HALL] }));
    const [h] = await httpHallGateway.listHalls({ lat: 39.9, lng: 116.4 });
    expect(fakeServer.requests[0].url).toBe('http://api.test/api/v1/halls?lat=39.9&lng=116.4');
    expect(h).toMatchObject({ id: 'hall-1', distanceM: 1200, openNow: false, hours: [{ weekday: 1, open: '09:00', close: '17:00' }] });
    expect(h.services[0]).toMatchObject({ prefix: 'A', durationMin: 8, appointment: 'allowed', waiting: 6, materials: [{ name: '身份证', required: true, note: null }] });
  });

  it('takes a remote ticket with its Idempotency-Key and reads the ETA range and window', async () => {
    fakeServer.on('POST', '/api/v1/halls/hall-1/tickets', fakeServer.json(201, { ticket: T('waiting') }));
    const t = await httpHallGateway.takeTicket({ hallId: 'hall-1', serviceId: 'svc-a', position: { lat: 1, lng: 2 } }, 'key-12345678');
    const req = fakeServer.requests[0];
    expect(req.header['Idempotency-Key']).toBe('key-12345678');
    expect(req.data).toEqual({ mode: 'remote', serviceId: 'svc-a', location: { lat: 1, lng: 2 } });
    expect(t).toMatchObject({ number: 'A012', ahead: 4, eta: { typicalMin: 14, worstMin: 26 }, fromAppointment: true, nowServing: ['A008'] });

    fakeServer.on('GET', '/api/v1/tickets/t-1', fakeServer.json(200, { ticket: T('called', { ahead: null, position: null, eta: null, window: { windowId: 'w3', number: 3, name: '综合' } }) }));
    expect(await httpHallGateway.ticket('t-1')).toMatchObject({ status: 'called', windowLabel: '3' });
  });

  it('books by date and start, and names hall and service from the hall list', async () => {
    fakeServer.on('GET', '/api/v1/halls', fakeServer.json(200, { items: [HALL] }));
    const appointment = {
      id: 'ap-1',
      hallId: 'hall-1',
      serviceId: 'svc-a',
      personId: 'p-1',
      maskedName: '张*',
      date: '2030-01-08',
      start: '09:30',
      end: '10:00',
      status: 'booked',
      source: 'waitlist',
      createdAt: '2030-01-07T01:00:00.000Z',
      cancellableUntil: '2030-01-08T00:30:00.000Z',
      checkedInAt: null,
    };
    fakeServer.on('POST', '/api/v1/appointments', fakeServer.json(201, { appointment }));
    const slot = { id: '2030-01-08|09:30', date: '2030-01-08', start: '09:30', end: '10:00', capacity: 5, remaining: 1, waitlist: 0, bookable: true };
    const a = await httpHallGateway.book({ hallId: 'hall-1', serviceId: 'svc-a', slot, personId: null }, 'key-abcdefgh');
    expect(fakeServer.requestsTo('/api/v1/appointments')[0].data).toEqual({ hallId: 'hall-1', serviceId: 'svc-a', date: '2030-01-08', start: '09:30' });
    expect(a).toMatchObject({ hallName: '市民中心', serviceName: '户籍办理', slotStart: '09:30', fromWaitlist: true, changeableUntil: '2030-01-08T00:30:00.000Z' });
  });

  it('rates with the contract’s grade names (5 → very_satisfied, 1 → very_dissatisfied), leaving out empty parts', async () => {
    fakeServer.on('POST', '/api/v1/tickets/t-1/rating', (req) => fakeServer.json(201, { rating: { id: 'r', ticketId: 't-1', hallId: 'h', serviceId: 's', windowId: null, grade: (req.data as { grade: string }).grade, tags: [], comment: null, createdAt: 'x', followUp: null } }));
    await httpHallGateway.rate('t-1', { grade: 5, tags: [], comment: '  ' });
    await httpHallGateway.rate('t-1', { grade: 1, tags: ['态度不好'], comment: '太慢' });
    expect(fakeServer.requests.map((r) => r.data)).toEqual([{ grade: 'very_satisfied' }, { grade: 'very_dissatisfied', tags: ['态度不好'], comment: '太慢' }]);
  });

  it('reads the board (calls shown once) from a fetch and from a stream event', async () => {
    fakeServer.on('GET', '/api/v1/halls/hall-1/board', fakeServer.json(200, BOARD));
    const b = await httpHallGateway.board('hall-1');
    expect(b.calling).toEqual([{ id: 'c2', ticket: 'A012', windowLabel: '3', at: '2030-01-07T01:00:00.000Z' }]);
    expect(b.recent.map((c) => c.ticket)).toEqual(['A011']);
    expect(b.waiting).toEqual([{ serviceName: '户籍办理', prefix: 'A', count: 6 }]);

    expect(httpHallGateway.parseBoardEvent(JSON.stringify({ type: 'board', board: BOARD }))?.calling[0].ticket).toBe('A012');
    expect(httpHallGateway.parseBoardEvent(JSON.stringify({ type: 'call', call: call('c3', 'A013', 2) }))).toBeNull();
    expect(httpHallGateway.parseBoardEvent('not json')).toBeNull();
    expect(httpHallGateway.boardStreamUrl('hall-1')).toBe('http://api.test/api/v1/halls/hall-1/board/events');
  });

  it('takes a ticket for a scanned code as staff', async () => {
    fakeServer.on('POST', '/api/v1/halls/hall-1/tickets', fakeServer.json(201, { ticket: T('waiting', { ticketClass: 'normal' }) }));
    await httpHallGateway.ticketForCode({ hallId: 'hall-1', serviceId: 'svc-a', code: 'GPC1.x' }, 'key-code-0001');
    expect(fakeServer.requests[0].data).toEqual({ mode: 'code', serviceId: 'svc-a', code: 'GPC1.x' });
  });
});
