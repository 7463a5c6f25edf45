import { act, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ApiError } from '../src/api/api-error';
import ConsolePage from '../src/packageHall/pages/console/index';
import { setHallGateway } from '../src/packageHall/gateway';
import { setRouterParams } from '../test-doubles/taro';
import { desk, fakeGateway, ticket } from './hall-fixtures';
import { citizen, signedIn } from './helpers';

const byId = (id: string) => document.getElementById(id);
const tap = (id: string) => fireEvent.click(byId(id)!);

let g: ReturnType<typeof fakeGateway>;

beforeEach(() => {
  g = fakeGateway();
  setHallGateway(g);
  signedIn({ ...citizen, roles: [{ role: 'window_staff', scopeId: 'hall-1' }] });
  setRouterParams({});
});

describe('窗口叫号: 上岗, a chosen number, priority', () => {
  it('signs in at the chosen window; a refusal offers 接管, which takes it over', async () => {
    g.signIn.mockRejectedValueOnce(new ApiError({ code: 'WINDOW_TAKEN', status: 409, message: 'taken' }));
    render(<ConsolePage />);
    await waitFor(() => expect(byId('console-windows-win-1')).not.toBeNull());
    await act(async () => tap('console-windows-win-1'));
    expect(g.signIn).toHaveBeenLastCalledWith('win-1', false);
    expect(byId('console-blocked')?.textContent).toContain('已有同事在岗');
    await act(async () => tap('console-take-over'));
    expect(g.signIn).toHaveBeenLastCalledWith('win-1', true);
    await waitFor(() => expect(byId('console-window')?.textContent).toBe('3号窗口 · 综合窗口'));

    await act(async () => tap('console-switch-window'));
    expect(g.signOut).toHaveBeenCalledWith('win-1');
    await waitFor(() => expect(byId('console-windows-win-1')).not.toBeNull());
  });

  it('calls a chosen waiting number only after a reason is picked and confirmed', async () => {
    Taro.setStorageSync('govpass.hall.window', 'win-1');
    g.windowDesk.mockResolvedValue(desk({ queue: [ticket('t-2', { number: 'A013', waitedMin: 7 }), ticket('t-3', { number: 'A014', waitedMin: 2 })] }));
    render(<ConsolePage />);
    await waitFor(() => expect(byId('console-queue-A014')).not.toBeNull());
    tap('console-queue-A014');
    tap('console-chosen-call');
    expect(byId('console-chosen')?.textContent).toContain('先叫 A014 号');
    expect(byId('console-chosen-confirm')?.getAttribute('disabled')).not.toBeNull();
    await act(async () => tap('console-chosen-confirm'));
    expect(g.callChosen).not.toHaveBeenCalled();
    tap('console-chosen-reason-材料已预审');
    await act(async () => tap('console-chosen-confirm'));
    expect(g.callChosen).toHaveBeenCalledWith('win-1', 't-3', '材料已预审');
  });

  it('sets and clears priority reasons of a waiting number', async () => {
    Taro.setStorageSync('govpass.hall.window', 'win-1');
    g.windowDesk.mockResolvedValue(desk({ queue: [ticket('t-2', { number: 'A013', waitedMin: 7, priorityReasons: ['elderly'], priority: true })] }));
    render(<ConsolePage />);
    await waitFor(() => expect(byId('console-queue-A013')).not.toBeNull());
    expect(byId('console-queue-A013')?.textContent).toContain('70岁以上老人');
    tap('console-queue-A013');
    tap('console-chosen-priority');
    expect(byId('console-priority-reasons-elderly')?.className).toContain('chip--selected');
    tap('console-priority-reasons-pregnant');
    await act(async () => tap('console-priority-save'));
    expect(g.setPriority).toHaveBeenCalledWith('t-2', ['elderly', 'pregnant']);
  });

  it('cannot call a chosen number while a person is at the desk', async () => {
    Taro.setStorageSync('govpass.hall.window', 'win-1');
    g.windowDesk.mockResolvedValue(desk({ current: ticket('t-1', { number: 'A012', status: 'serving' }) }));
    render(<ConsolePage />);
    await waitFor(() => expect(byId('console-queue-A013')).not.toBeNull());
    tap('console-queue-A013');
    expect(byId('console-chosen-call')?.getAttribute('disabled')).not.toBeNull();
    expect(byId('console-chosen')?.textContent).toContain('当前号办完');
  });
});
