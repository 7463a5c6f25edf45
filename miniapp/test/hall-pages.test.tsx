import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ApiError } from '../src/api/api-error';
import AppointmentsPage from '../src/packageHall/pages/appointments/index';
import BookPage from '../src/packageHall/pages/book/index';
import ConsolePage from '../src/packageHall/pages/console/index';
import HallPage from '../src/packageHall/pages/hall/index';
import HallsPage from '../src/packageHall/pages/halls/index';
import RatePage from '../src/packageHall/pages/rate/index';
import TakePage from '../src/packageHall/pages/take/index';
import TicketPage from '../src/packageHall/pages/ticket/index';
import { setHallGateway } from '../src/packageHall/gateway';
import { ELDERLY_MODE_STORAGE_KEY } from '../src/store/elderly-mode';
import { pageLifecycle, setRouterParams } from '../test-doubles/taro';
import { pollIntervalMs } from '../src/packageHall/hooks/use-tickets';
import { appointment, desk, fakeGateway, slot, slotDay, ticket } from './hall-fixtures';
import { familyMember } from './family-fixtures';
import { citizen, fakeServer, signedIn } from './helpers';

const byId = (id: string) => document.getElementById(id);
const tap = (id: string) => fireEvent.click(byId(id)!);
const apiError = (code: ConstructorParameters<typeof ApiError>[0]['code'], status = 409, rawDetails?: unknown) => new ApiError({ code, status, message: code, rawDetails });

let g: ReturnType<typeof fakeGateway>;

beforeEach(() => {
  // The H5 build asks the browser for the position.
  Object.defineProperty(navigator, 'geolocation', {
    configurable: true,
    value: { getCurrentPosition: (ok: (p: { coords: { latitude: number; longitude: number } }) => void) => ok({ coords: { latitude: 31.23, longitude: 121.47 } }) },
  });
  g = fakeGateway();
  setHallGateway(g);
  signedIn({ ...citizen, verified: true });
  fakeServer.on('GET', '/api/v1/family', fakeServer.json(200, { items: [], limit: 5 }));
});

describe('办事大厅 and a hall', () => {
  it('lists halls with distance and people waiting, and opens one', async () => {
    render(<HallsPage />);
    await waitFor(() => expect(byId('hall-hall-1')).not.toBeNull());
    expect(byId('hall-hall-1')?.textContent).toContain('距您 850米');
    expect(byId('hall-hall-1-waiting')?.textContent).toBe('正在排队 8 人');
    expect(g.listHalls).toHaveBeenCalledWith({ lat: 31.23, lng: 121.47 });
    tap('hall-hall-1');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageHall/pages/hall/index?id=hall-1' });
  });

  it('shows a hall: address, hours, services with their materials, 预约 and 远程取号 as the service allows', async () => {
    setRouterParams({ id: 'hall-1' });
    render(<HallPage />);
    await waitFor(() => expect(byId('hall-name')?.textContent).toBe('市民中心办事大厅'));
    expect(byId('hall-address')?.textContent).toBe('地址：人民路1号（距您 850米）');
    expect(byId('hall-hours')?.textContent).toContain('周一至五');
    // 社保卡 takes no appointments: 取号 only
    expect(byId('service-svc-b-book')).toBeNull();
    expect(byId('service-svc-b-take')).not.toBeNull();
    tap('service-svc-a-materials-toggle');
    expect(byId('service-svc-a-materials')?.textContent).toContain('身份证');
    tap('service-svc-a-book');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageHall/pages/book/index?hallId=hall-1&serviceId=svc-a' });
  });

  it('opened by scanning the code at the hall (action=take): welcomes the person and points to 取号', async () => {
    setRouterParams({ id: 'hall-1', action: 'take' });
    render(<HallPage />);
    await waitFor(() => expect(byId('hall-arrival')?.textContent).toContain('欢迎来到市民中心办事大厅'));
    expect(byId('hall-arrival')?.textContent).toContain('远程取号');
  });

  it('opened from the list: no arrival welcome', async () => {
    setRouterParams({ id: 'hall-1' });
    render(<HallPage />);
    await waitFor(() => expect(byId('hall-name')).not.toBeNull());
    expect(byId('hall-arrival')).toBeNull();
  });
});

describe('预约', () => {
  beforeEach(() => setRouterParams({ hallId: 'hall-1', serviceId: 'svc-a' }));

  it('tells two family members apart in 为谁办 as every chooser does: masked name, relation, last four of the ID', async () => {
    fakeServer.on('GET', '/api/v1/family', fakeServer.json(200, { items: [familyMember('f-1', { name: '李*', relation: 'father', idLast4: '0021' }), familyMember('f-2', { name: '李**', relation: 'child', idLast4: '123X' })], limit: 5 }));
    render(<BookPage />);
    await waitFor(() => expect(byId('book-person-person-of-f-2')).not.toBeNull());
    expect(byId('book-person-self')?.textContent).toBe('本人');
    expect(byId('book-person-person-of-f-1')?.textContent).toBe('李*（父亲） · 尾号 0021');
    expect(byId('book-person-person-of-f-2')?.textContent).toBe('李**（子女） · 尾号 123X');
  });

  it('books a chosen day and time for oneself with an Idempotency-Key, then opens 我的预约', async () => {
    render(<BookPage />);
    await waitFor(() => expect(byId('book-days-2030-01-07')).not.toBeNull());
    await waitFor(() => expect(document.querySelectorAll('.slot')).toHaveLength(2));
    fireEvent.click(document.querySelectorAll('.slot')[0]);
    expect(byId('book-submit')?.textContent).toBe('确认预约');
    await act(async () => tap('book-submit'));
    expect(g.book).toHaveBeenCalledWith(
      { hallId: 'hall-1', serviceId: 'svc-a', slot: expect.objectContaining({ date: '2030-01-07', start: '09:00' }), personId: null },
      expect.stringMatching(/^[a-z0-9]+-[a-z0-9]{16}$/),
    );
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packageHall/pages/appointments/index?highlight=ap-new' });
  });

  it('offers the waitlist for a full slot and joins it', async () => {
    render(<BookPage />);
    await waitFor(() => expect(document.querySelectorAll('.slot')).toHaveLength(2));
    fireEvent.click(document.querySelectorAll('.slot')[1]);
    expect(byId('book-full-note')?.textContent).toContain('前面有 2 人');
    expect(byId('book-submit')?.textContent).toBe('排队候补');
    await act(async () => tap('book-submit'));
    expect(g.joinWaitlist).toHaveBeenCalled();
    expect(g.book).not.toHaveBeenCalled();
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packageHall/pages/appointments/index?highlight=wl-new' });
  });

  it('says until when a no-show block lasts, and refreshes a slot that filled meanwhile', async () => {
    g.book.mockRejectedValueOnce(apiError('NO_SHOW_BLOCKED', 403, { blockedUntil: '2030-02-06', noShows: 3 }));
    g.book.mockRejectedValueOnce(apiError('SLOT_FULL'));
    render(<BookPage />);
    await waitFor(() => expect(document.querySelectorAll('.slot')).toHaveLength(2));
    fireEvent.click(document.querySelectorAll('.slot')[0]);
    await act(async () => tap('book-submit'));
    expect(byId('book-error')?.textContent).toBe('近期多次预约未到，2030年2月6日之后才能再预约');
    const loads = g.slots.mock.calls.length;
    await act(async () => tap('book-submit'));
    expect(byId('book-error-box')?.getAttribute('data-code')).toBe('SLOT_FULL');
    await waitFor(() => expect(g.slots.mock.calls.length).toBe(loads + 1));
  });

  it('switches days', async () => {
    render(<BookPage />);
    await waitFor(() => expect(byId('book-days-2030-01-08')).not.toBeNull());
    g.slots.mockResolvedValueOnce(slotDay('2030-01-08', [slot('14:00')]));
    await act(async () => tap('book-days-2030-01-08'));
    expect(g.slots).toHaveBeenLastCalledWith('hall-1', 'svc-a', '2030-01-08');
    await waitFor(() => expect(document.querySelectorAll('.slot')).toHaveLength(1));
  });
});

describe('我的预约', () => {
  it('shows the personal code of the appointment’s person as a QR to show at the hall', async () => {
    render(<AppointmentsPage />);
    await waitFor(() => expect(byId('appointment-ap-1')).not.toBeNull());
    expect(byId('appointment-ap-1-status')?.textContent).toBe('已预约');
    await act(async () => tap('appointment-ap-1-code'));
    await waitFor(() => expect(byId('hall-code-qr')?.getAttribute('data-code')).toBe('GPC1.test-code'));
    expect(g.personalCode).toHaveBeenCalledWith('person-1');
    tap('appointment-code-close');
    expect(byId('appointment-list')).not.toBeNull();
  });

  it('cancels after asking, leaves a waitlist, and gives back a place that came from the waitlist', async () => {
    g.myAppointments.mockResolvedValue([
      appointment('ap-1'),
      appointment('wl-1', { status: 'waitlisted', waitlistPosition: 2, changeableUntil: '9999-12-31T00:00:00.000Z' }),
      appointment('ap-2', { fromWaitlist: true }),
    ]);
    render(<AppointmentsPage />);
    await waitFor(() => expect(byId('appointment-wl-1')).not.toBeNull());
    expect(byId('appointment-wl-1-waitlist')?.textContent).toContain('候补第 2 位');
    await act(async () => tap('appointment-ap-1-cancel'));
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '取消预约' }));
    expect(g.cancelAppointment).toHaveBeenCalledWith('ap-1');
    await act(async () => tap('appointment-wl-1-cancel'));
    expect(g.leaveWaitlist).toHaveBeenCalledWith('wl-1');
    await act(async () => tap('appointment-ap-2-decline'));
    expect(g.declineOffer).toHaveBeenCalledWith('ap-2');
  });

  it('does not cancel when the person thinks again, and offers 改约 that opens the booking page', async () => {
    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true });
    render(<AppointmentsPage />);
    await waitFor(() => expect(byId('appointment-ap-1')).not.toBeNull());
    await act(async () => tap('appointment-ap-1-cancel'));
    expect(g.cancelAppointment).not.toHaveBeenCalled();
    tap('appointment-ap-1-reschedule');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageHall/pages/book/index?hallId=hall-1&serviceId=svc-a&reschedule=ap-1' });
  });

  it('hides cancel and 改约 once it is too late', async () => {
    g.myAppointments.mockResolvedValue([appointment('ap-1', { changeableUntil: '2000-01-01T00:00:00.000Z' })]);
    render(<AppointmentsPage />);
    await waitFor(() => expect(byId('appointment-ap-1')).not.toBeNull());
    expect(byId('appointment-ap-1-cancel')).toBeNull();
    expect(byId('appointment-ap-1-reschedule')).toBeNull();
  });
});

describe('取号 and 我的排队', () => {
  it('takes a ticket remotely with the position, then opens 我的排队', async () => {
    setRouterParams({ hallId: 'hall-1', serviceId: 'svc-a' });
    render(<TakePage />);
    await waitFor(() => expect(byId('take-service')?.textContent).toBe('户籍办理'));
    expect(byId('take-waiting')?.textContent).toContain('6');
    await act(async () => tap('take-submit'));
    expect(g.takeTicket).toHaveBeenCalledWith({ hallId: 'hall-1', serviceId: 'svc-a', position: { lat: 31.23, lng: 121.47 } }, expect.any(String));
    // H5 has no subscribe messages; the weapp/alipay prompt is the platform's (platform tests).
    expect(Taro.requestSubscribeMessage).not.toHaveBeenCalled();
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packageHall/pages/ticket/index?id=t-new' });
  });

  it('says why a remote ticket is refused', async () => {
    g.takeTicket.mockRejectedValueOnce(apiError('TOO_FAR'));
    setRouterParams({ hallId: 'hall-1', serviceId: 'svc-a' });
    render(<TakePage />);
    await waitFor(() => expect(byId('take-service')?.textContent).toBe('户籍办理'));
    await act(async () => tap('take-submit'));
    expect(byId('take-error')?.textContent).toBe('您离大厅太远了，请到大厅附近再取号');
  });

  it('polls the position while waiting and shows the window once called', async () => {
    jest.useFakeTimers();
    try {
      g.ticket.mockResolvedValueOnce(ticket('t-1', { ahead: 1 })).mockResolvedValue(ticket('t-1', { status: 'called', ahead: null, windowLabel: '3', eta: null }));
      setRouterParams({ id: 't-1' });
      render(<TicketPage />);
      await act(async () => {
        await Promise.resolve();
      });
      await waitFor(() => expect(byId('queue-ahead')?.textContent).toBe('前面还有 1 人'));
      await act(async () => {
        jest.advanceTimersByTime(5000);
      });
      await waitFor(() => expect(byId('queue-window')?.textContent).toBe('请到 3号窗口 办理'));
    } finally {
      jest.useRealTimers();
    }
  });

  it('asks more often when the turn is near, not at all when nothing is active, and never while hidden', async () => {
    expect(pollIntervalMs([ticket('a', { ahead: 6 })])).toBe(10_000);
    expect(pollIntervalMs([ticket('a', { ahead: 2 })])).toBe(5000);
    expect(pollIntervalMs([ticket('a', { status: 'called' })])).toBe(5000);
    expect(pollIntervalMs([ticket('a', { status: 'done' })])).toBeNull();

    jest.useFakeTimers();
    try {
      setRouterParams({ id: 't-1' });
      render(<TicketPage />);
      await act(async () => {
        await Promise.resolve();
      });
      await waitFor(() => expect(byId('queue-ahead')).not.toBeNull());
      const before = g.ticket.mock.calls.length;
      act(() => pageLifecycle.hide());
      await act(async () => {
        jest.advanceTimersByTime(60_000);
      });
      expect(g.ticket.mock.calls.length).toBe(before);
      act(() => pageLifecycle.show());
      await act(async () => {
        jest.advanceTimersByTime(10_000);
      });
      expect(g.ticket.mock.calls.length).toBeGreaterThan(before);
    } finally {
      jest.useRealTimers();
    }
  });

  it('offers 评价 for a finished visit', async () => {
    g.myTickets.mockResolvedValue([ticket('t-9', { status: 'done', ahead: null, eta: null })]);
    setRouterParams({});
    render(<TicketPage />);
    await waitFor(() => expect(byId('ticket-t-9-rate')).not.toBeNull());
    tap('ticket-t-9-rate');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: expect.stringContaining('/packageHall/pages/rate/index?ticketId=t-9') });
  });

  it('says a visit was rated already instead of offering 评价 again', async () => {
    g.myTickets.mockResolvedValue([ticket('t-9', { status: 'done', ahead: null, eta: null })]);
    g.isRated.mockResolvedValue(true);
    setRouterParams({});
    render(<TicketPage />);
    await waitFor(() => expect(byId('ticket-t-9-rated')).not.toBeNull());
    expect(byId('ticket-t-9-rate')).toBeNull();
  });
});

describe('评价', () => {
  it('rates once with a grade, tags and words; a poor grade is promised a follow-up', async () => {
    setRouterParams({ ticketId: 't-9', service: '户籍办理' });
    render(<RatePage />);
    expect(byId('rate-submit')?.hasAttribute('disabled')).toBe(true);
    tap('grade-2');
    tap('rate-tags-等候太久');
    fireEvent.change(byId('rate-comment')!, { target: { value: '等了很久' } });
    await act(async () => tap('rate-submit'));
    expect(g.rate).toHaveBeenCalledWith('t-9', { grade: 2, tags: ['等候太久'], comment: '等了很久' });
    expect(byId('rate-done')?.textContent).toContain('大厅负责人会尽快联系您');
  });

  it('takes ALREADY_RATED as done', async () => {
    g.rate.mockRejectedValueOnce(apiError('ALREADY_RATED'));
    setRouterParams({ ticketId: 't-9' });
    render(<RatePage />);
    tap('grade-5');
    await act(async () => tap('rate-submit'));
    expect(byId('rate-done')).not.toBeNull();
  });
});

describe('窗口叫号', () => {
  beforeEach(() => {
    signedIn({ ...citizen, roles: [{ role: 'window_staff', scopeId: 'hall-1' }] });
    setRouterParams({});
  });

  it('asks for the window first, then calls next, starts, completes', async () => {
    render(<ConsolePage />);
    await waitFor(() => expect(byId('console-windows-win-1')).not.toBeNull());
    expect(g.hallWindows).toHaveBeenCalledWith('hall-1');
    await act(async () => tap('console-windows-win-1'));
    await waitFor(() => expect(byId('console-window')?.textContent).toBe('3号窗口 · 综合窗口'));
    expect(byId('console-queue')?.textContent).toContain('A013');

    g.windowDesk.mockResolvedValue(desk({ current: ticket('t-2', { number: 'A013', status: 'called', personName: '李*' }) }));
    await act(async () => tap('console-call-next'));
    expect(g.callNext).toHaveBeenCalledWith('win-1');
    await waitFor(() => expect(byId('console-number')?.textContent).toBe('A013'));

    await act(async () => tap('console-recall'));
    expect(g.ticketAction).toHaveBeenLastCalledWith('t-2', 'recall', 'win-1');
    g.windowDesk.mockResolvedValue(desk({ current: ticket('t-2', { number: 'A013', status: 'serving' }) }));
    await act(async () => tap('console-start'));
    expect(g.ticketAction).toHaveBeenLastCalledWith('t-2', 'start', 'win-1');
    await waitFor(() => expect(byId('console-complete')).not.toBeNull());

    await act(async () => tap('console-transfer'));
    await act(async () => tap('console-transfer-to-svc-b'));
    expect(g.transfer).toHaveBeenCalledWith('t-2', 'svc-b', 'win-1');

    g.windowDesk.mockResolvedValue(desk());
    await act(async () => tap('console-complete'));
    expect(g.ticketAction).toHaveBeenLastCalledWith('t-2', 'complete', 'win-1');
    await waitFor(() => expect(byId('console-call-next')).not.toBeNull());
  });

  it('takes a ticket for a typed personal code for the chosen service, and pauses the window', async () => {
    Taro.setStorageSync('govpass.hall.window', 'win-1');
    render(<ConsolePage />);
    await waitFor(() => expect(byId('console-code-input')).not.toBeNull());
    await waitFor(() => expect(byId('console-code-service-svc-b')).not.toBeNull());
    tap('console-code-service-svc-b');
    fireEvent.change(byId('console-code-input')!, { target: { value: 'GPC1.scanned' } });
    await act(async () => tap('console-code-submit'));
    expect(g.ticketForCode).toHaveBeenCalledWith({ hallId: 'hall-1', serviceId: 'svc-b', code: 'GPC1.scanned' }, expect.any(String));
    expect(byId('console-issued')?.textContent).toContain('A014');
    expect(byId('console-issued')?.textContent).toContain('预约优先');

    await act(async () => tap('console-pause'));
    expect(g.setWindowStatus).toHaveBeenCalledWith('win-1', 'paused');
  });

  it('tells people without a hall role that the console is for staff', () => {
    signedIn(citizen);
    render(<ConsolePage />);
    expect(byId('console-no-role')).not.toBeNull();
  });
});

describe('关怀模式 on the hall pages', () => {
  it.each([
    ['page-hall-list', HallsPage],
    ['page-hall-appointments', AppointmentsPage],
    ['page-hall-ticket', TicketPage],
    ['page-hall-rate', RatePage],
  ])('%s carries .elderly when it is on', async (id, Page) => {
    Taro.setStorageSync(ELDERLY_MODE_STORAGE_KEY, true);
    setRouterParams({ id: 't-1', ticketId: 't-1' });
    render(<Page />);
    await waitFor(() => expect(byId(id)?.classList.contains('elderly')).toBe(true));
    expect(screen.getAllByText(/./).length).toBeGreaterThan(0);
  });
});
