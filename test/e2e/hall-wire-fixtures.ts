import type { BoardView, HallDetailResponse, HallSummary, MyAppointmentsResponse, SlotsResponse, TicketView, WindowConsoleResponse } from '@govpass/shared-types';

/*
 * Answers in the hall contracts' wire format, for screenshots of the hall pages with the hall API
 * answered by the browser (h5-hall-screens.e2e.test.ts). Each one is parsed by its zod schema there.
 */

const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

export const HALL: HallSummary = {
  id: 'hall-1',
  name: '东城区政务服务中心',
  address: '东城区建国门内大街18号',
  district: '东城区',
  location: { lat: 39.9, lng: 116.42 },
  openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: weekday === 6 ? '09:00' : '08:30', close: weekday === 6 ? '12:00' : '17:30' })).filter((p) => p.weekday !== 7),
  closedDays: [],
  remoteTickets: true,
  services: [
    {
      id: 'svc-a',
      hallId: 'hall-1',
      name: '户籍业务',
      category: '公安',
      materials: [
        { name: '居民身份证', required: true, note: '原件' },
        { name: '户口簿', required: true, note: null },
        { name: '近期免冠照片', required: false, note: '两张一寸' },
      ],
      expectedMinutes: 8,
      ticketPrefix: 'A',
      appointmentMode: 'allowed',
      waiting: 7,
    },
    {
      id: 'svc-b',
      hallId: 'hall-1',
      name: '社保卡补办',
      category: '人社',
      materials: [{ name: '居民身份证', required: true, note: null }],
      expectedMinutes: 5,
      ticketPrefix: 'B',
      appointmentMode: 'off',
      waiting: 3,
    },
  ],
  openNow: true,
  todayHours: [{ open: '08:30', close: '17:30' }],
  distanceMetres: 1260,
};

export const HALL_DETAIL: HallDetailResponse = {
  hall: HALL,
  windows: [1, 2, 3].map((n) => ({ id: `win-${n}`, hallId: 'hall-1', number: n, name: n === 3 ? '综合窗口' : `${n}号窗口`, serviceIds: ['svc-a', 'svc-b'], status: 'open' as const })),
};

export function slots(date: string): SlotsResponse {
  const times = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '14:00', '14:30'];
  return {
    hallId: 'hall-1',
    serviceId: 'svc-a',
    date,
    open: true,
    bookableFrom: inDays(1),
    bookableTo: inDays(5),
    slots: times.map((start, i) => {
      const [h, m] = start.split(':').map(Number);
      const end = `${String(h + (m === 30 ? 1 : 0)).padStart(2, '0')}:${m === 30 ? '00' : '30'}`;
      const available = i === 1 ? 0 : 5 - (i % 4);
      return { start, end, capacity: 5, booked: 5 - available, available, waiting: i === 1 ? 2 : 0, bookable: true };
    }),
  };
}

export const MY_APPOINTMENTS: MyAppointmentsResponse = {
  items: [
    {
      id: 'ap-1',
      hallId: 'hall-1',
      serviceId: 'svc-a',
      personId: 'p-1',
      maskedName: '王*',
      date: inDays(1),
      start: '09:00',
      end: '09:30',
      status: 'booked',
      source: 'booking',
      createdAt: new Date().toISOString(),
      cancellableUntil: new Date(Date.now() + 20 * 3_600_000).toISOString(),
      checkedInAt: null,
    },
  ],
  waitlist: [
    {
      id: 'wl-1',
      hallId: 'hall-1',
      serviceId: 'svc-a',
      personId: 'p-1',
      maskedName: '王*',
      date: inDays(2),
      start: '09:30',
      end: '10:00',
      status: 'waiting',
      position: 2,
      joinedAt: new Date().toISOString(),
      appointmentId: null,
    },
  ],
};

export function ticketView(state: TicketView['state'], overrides: Partial<TicketView> = {}): TicketView {
  const waiting = state === 'waiting';
  return {
    id: 't-1',
    hallId: 'hall-1',
    hallName: HALL.name,
    serviceId: 'svc-a',
    serviceName: '户籍业务',
    number: 'A012',
    state,
    ticketClass: 'appointment',
    position: waiting ? 5 : null,
    ahead: waiting ? 4 : null,
    nowServing: [
      { number: 'A008', windowNumber: 1 },
      { number: 'A009', windowNumber: 2 },
    ],
    window: state === 'called' || state === 'serving' ? { windowId: 'win-3', number: 3, name: '综合窗口' } : null,
    eta: waiting ? { p50Min: 14, p90Min: 26, basis: 'measured' } : null,
    takenAt: new Date(Date.now() - 600_000).toISOString(),
    arrivedAt: new Date(Date.now() - 600_000).toISOString(),
    calledAt: waiting ? null : new Date().toISOString(),
    finishedAt: null,
    appointmentId: 'ap-1',
    ...overrides,
  };
}

export const CONSOLE: WindowConsoleResponse = {
  window: { id: 'win-3', hallId: 'hall-1', number: 3, name: '综合窗口', status: 'open', serviceIds: ['svc-a', 'svc-b'] },
  current: [
    {
      id: 't-1',
      serviceId: 'svc-a',
      serviceName: '户籍业务',
      number: 'A012',
      state: 'called',
      ticketClass: 'appointment',
      priority: [],
      maskedName: '王*',
      arrivedAt: new Date(Date.now() - 900_000).toISOString(),
      waitedMin: 15,
      calledAt: new Date().toISOString(),
      startedAt: null,
      windowId: 'win-3',
      calls: 1,
    },
  ],
  waiting: ['A013', 'B004', 'A014'].map((number, i) => ({
    id: `t-w${i}`,
    serviceId: number.startsWith('A') ? 'svc-a' : 'svc-b',
    serviceName: number.startsWith('A') ? '户籍业务' : '社保卡补办',
    number,
    state: 'waiting' as const,
    ticketClass: i === 1 ? ('priority' as const) : ('normal' as const),
    priority: i === 1 ? (['elderly'] as const).slice() : [],
    maskedName: ['李*', '赵*', '钱*'][i],
    arrivedAt: new Date(Date.now() - (12 - i * 3) * 60_000).toISOString(),
    waitedMin: 12 - i * 3,
    calledAt: null,
    startedAt: null,
    windowId: null,
    calls: 0,
  })),
  waitingTotal: 9,
};

export function boardView(): BoardView {
  const at = (minAgo: number) => new Date(Date.now() - minAgo * 60_000).toISOString();
  const call = (id: string, number: string, windowNumber: number, minAgo: number) => ({ callId: id, number, windowNumber, windowName: `${windowNumber}号窗口`, serviceName: number.startsWith('A') ? '户籍业务' : '社保卡补办', calledAt: at(minAgo), recall: false });
  return {
    hallId: 'hall-1',
    hallName: HALL.name,
    nowCalling: [call('c5', 'A012', 3, 0), call('c4', 'B003', 2, 1), call('c3', 'A011', 1, 3)],
    recentCalls: [call('c5', 'A012', 3, 0), call('c4', 'B003', 2, 1), call('c3', 'A011', 1, 3), call('c2', 'A010', 3, 6), call('c1', 'B002', 1, 8), call('c0', 'A009', 2, 11)],
    waiting: [
      { serviceId: 'svc-a', serviceName: '户籍业务', ticketPrefix: 'A', waiting: 7 },
      { serviceId: 'svc-b', serviceName: '社保卡补办', ticketPrefix: 'B', waiting: 3 },
    ],
    generatedAt: new Date().toISOString(),
  };
}

export { today };
