import type { HallGateway } from '../src/packageHall/lib/hall-gateway';
import type { Appointment, Board, Hall, Slot, SlotDay, Ticket, WindowDesk } from '../src/packageHall/lib/hall-view';

export function hall(id = 'hall-1', overrides: Partial<Hall> = {}): Hall {
  return {
    id,
    name: '市民中心办事大厅',
    address: '人民路1号',
    district: '东城区',
    distanceM: 850,
    hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '09:00', close: '17:00' })),
    openNow: true,
    remoteTickets: true,
    services: [
      {
        id: 'svc-a',
        name: '户籍办理',
        category: '公安',
        prefix: 'A',
        durationMin: 8,
        appointment: 'allowed',
        materials: [
          { name: '户口本', required: false, note: null },
          { name: '身份证', required: true, note: '原件' },
        ],
        waiting: 6,
      },
      { id: 'svc-b', name: '社保卡', category: '人社', prefix: 'B', durationMin: 5, appointment: 'off', materials: [], waiting: 2 },
    ],
    ...overrides,
  };
}

export function slot(start: string, overrides: Partial<Slot> = {}): Slot {
  const [h, m] = start.split(':').map(Number);
  const endM = m + 30;
  const end = `${String(h + Math.floor(endM / 60)).padStart(2, '0')}:${String(endM % 60).padStart(2, '0')}`;
  return { id: `2030-01-07|${start}`, date: '2030-01-07', start, end, capacity: 5, remaining: 3, waitlist: 0, bookable: true, ...overrides };
}

export function slotDay(date = '2030-01-07', slots: Slot[] = [slot('09:00'), slot('09:30', { remaining: 0, waitlist: 2 })]): SlotDay {
  return { date, open: true, bookableFrom: '2030-01-07', bookableTo: '2030-01-09', slots: slots.map((s) => ({ ...s, id: `${date}|${s.start}`, date })) };
}

export function appointment(id: string, overrides: Partial<Appointment> = {}): Appointment {
  return {
    id,
    hallId: 'hall-1',
    hallName: '市民中心办事大厅',
    hallAddress: '人民路1号',
    serviceId: 'svc-a',
    serviceName: '户籍办理',
    date: '2030-01-07',
    slotStart: '09:00',
    slotEnd: '09:30',
    status: 'booked',
    personId: 'person-1',
    personName: '张*',
    changeableUntil: '2030-01-07T05:00:00.000Z',
    waitlistPosition: null,
    fromWaitlist: false,
    ticketId: null,
    ...overrides,
  };
}

export function ticket(id: string, overrides: Partial<Ticket> = {}): Ticket {
  return {
    id,
    number: 'A012',
    hallId: 'hall-1',
    hallName: '市民中心办事大厅',
    serviceId: 'svc-a',
    serviceName: '户籍办理',
    status: 'waiting',
    ahead: 4,
    windowLabel: null,
    eta: { typicalMin: 12, worstMin: 25 },
    takenAt: '2030-01-07T01:00:00.000Z',
    calledAt: null,
    nowServing: ['A008'],
    fromAppointment: false,
    priority: false,
    personName: null,
    waitedMin: null,
    ...overrides,
  };
}

export function desk(overrides: Partial<WindowDesk> = {}): WindowDesk {
  return {
    id: 'win-1',
    hallId: 'hall-1',
    hallName: '市民中心办事大厅',
    label: '3',
    name: '综合窗口',
    status: 'open',
    services: [
      { id: 'svc-a', name: '户籍办理' },
      { id: 'svc-b', name: '社保卡' },
    ],
    hallServices: [
      { id: 'svc-a', name: '户籍办理' },
      { id: 'svc-b', name: '社保卡' },
    ],
    current: null,
    queue: [ticket('t-2', { number: 'A013', waitedMin: 7 })],
    waiting: 1,
    ...overrides,
  };
}

export function board(overrides: Partial<Board> = {}): Board {
  return {
    hallName: '市民中心办事大厅',
    calling: [{ id: 'c-1', ticket: 'A011', windowLabel: '2', at: '2030-01-07T01:00:00.000Z' }],
    recent: [{ id: 'c-0', ticket: 'A010', windowLabel: '1', at: '2030-01-07T00:55:00.000Z' }],
    waiting: [
      { serviceName: '户籍办理', prefix: 'A', count: 6 },
      { serviceName: '社保卡', prefix: 'B', count: 2 },
    ],
    ...overrides,
  };
}

type Fake = { [K in keyof HallGateway]: HallGateway[K] extends (...args: infer A) => infer R ? jest.Mock<R, A> : HallGateway[K] };

/** A gateway whose every call is a jest mock with a sensible answer; tests override what they need. */
export function fakeGateway(): Fake {
  return {
    listHalls: jest.fn(async () => [hall()]),
    getHall: jest.fn(async (id: string) => hall(id)),
    slots: jest.fn(async (_h: string, _s: string, date: string) => slotDay(date === '2030-01-01' ? '2030-01-07' : date)),
    book: jest.fn(async () => appointment('ap-new')),
    joinWaitlist: jest.fn(async () => appointment('wl-new', { status: 'waitlisted', waitlistPosition: 3 })),
    myAppointments: jest.fn(async () => [appointment('ap-1')]),
    cancelAppointment: jest.fn(async (id: string) => appointment(id, { status: 'cancelled' })),
    reschedule: jest.fn(async (id: string) => appointment(id)),
    declineOffer: jest.fn(async (id: string) => appointment(id, { status: 'declined' })),
    leaveWaitlist: jest.fn(async () => undefined),
    personalCode: jest.fn(async () => ({ code: 'GPC1.test-code', maskedName: '张*', expiresAt: '2030-01-07T01:01:00.000Z' })),
    takeTicket: jest.fn(async () => ticket('t-new')),
    ticket: jest.fn(async (id: string) => ticket(id)),
    myTickets: jest.fn(async () => [ticket('t-1')]),
    rate: jest.fn(async () => undefined),
    isRated: jest.fn(async () => false),
    ratingTags: ['办事快', '态度好', '等候太久'],
    hallWindows: jest.fn(async () => ({ hall: hall(), windows: [{ id: 'win-1', label: '3', name: '综合窗口' }] })),
    windowDesk: jest.fn(async () => desk()),
    callNext: jest.fn(async () => ticket('t-2', { status: 'called' })),
    ticketAction: jest.fn(async (id: string) => ticket(id)),
    transfer: jest.fn(async (id: string) => ticket(id)),
    setWindowStatus: jest.fn(async () => undefined),
    callChosen: jest.fn(async (_w: string, id: string) => ticket(id, { status: 'called' })),
    setPriority: jest.fn(async (id: string) => ticket(id, { priority: true })),
    signIn: jest.fn(async () => undefined),
    signOut: jest.fn(async () => undefined),
    ticketForCode: jest.fn(async () => ticket('t-code', { number: 'A014', fromAppointment: true, ahead: 0 })),
    board: jest.fn(async () => board()),
    boardStreamUrl: jest.fn((id: string) => `http://api.test/api/v1/halls/${id}/board/events`),
    parseBoardEvent: jest.fn(() => null),
    boardEventNames: ['board'],
  } as unknown as Fake;
}
