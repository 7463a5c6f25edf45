import { API_BASE } from '../../api/api-base';
import { fillPath } from '../../api/fill-path';
import { hallApi } from '../../api/hall-api';
import { BoardEvent, BoardView, hallRoutes } from '../../api/hall-contract';
import type { BoardGateway, StaffHallGateway } from './hall-gateway';
import { staffTicket, toBoard, toHall, toTicket } from './hall-wire-views';

/** The window staff's side over HTTP: their window, its queue, tickets for scanned codes. */
export const httpStaffHall: StaffHallGateway = {
  async hallWindows(hallId) {
    const res = await hallApi.call('getHall', { params: { hallId } });
    return {
      hall: toHall(res.hall),
      windows: [...res.windows].sort((a, b) => a.number - b.number).map((w) => ({ id: w.id, label: String(w.number), name: w.name })),
    };
  },
  async windowDesk(windowId) {
    const res = await hallApi.call('windowConsole', { params: { windowId } });
    const hallRes = await hallApi.call('getHall', { params: { hallId: res.window.hallId } });
    const hall = { id: hallRes.hall.id, name: hallRes.hall.name };
    const label = String(res.window.number);
    const services = hallRes.hall.services.map((s) => ({ id: s.id, name: s.name }));
    const current = res.current[0] ?? null;
    return {
      id: res.window.id,
      hallId: res.window.hallId,
      hallName: hall.name,
      label,
      name: res.window.name,
      status: res.window.status,
      services: services.filter((s) => res.window.serviceIds.includes(s.id)),
      hallServices: services,
      current: current ? staffTicket(current, hall, label) : null,
      queue: res.waiting.map((t) => staffTicket(t, hall, null)),
      waiting: res.waitingTotal,
    };
  },
  async callNext(windowId) {
    const res = await hallApi.call('callNext', { params: { windowId } });
    return res.ticket ? staffTicket(res.ticket, { id: '', name: '' }, null) : null;
  },
  async ticketAction(ticketId, action, windowId) {
    const name = ({ recall: 'recallTicket', skip: 'skipTicket', start: 'startTicket', complete: 'completeTicket' } as const)[action];
    const res = await hallApi.call(name, { params: { id: ticketId }, body: { windowId } });
    return staffTicket(res.ticket, { id: '', name: '' }, null);
  },
  async transfer(ticketId, serviceId, windowId) {
    const res = await hallApi.call('transferTicket', { params: { id: ticketId }, body: { windowId, serviceId } });
    return staffTicket(res.to, { id: '', name: '' }, null);
  },
  async setWindowStatus(windowId, status) {
    await hallApi.call('setWindowStatus', { params: { windowId }, body: { status } });
  },
  async callChosen(windowId, ticketId, reason) {
    const res = await hallApi.call('callChosen', { params: { windowId }, body: { ticketId, reason } });
    return staffTicket(res.ticket, { id: '', name: '' }, null);
  },
  async setPriority(ticketId, reasons) {
    const res = await hallApi.call('setTicketPriority', { params: { id: ticketId }, body: { priority: reasons } });
    return staffTicket(res.ticket, { id: '', name: '' }, null);
  },
  async signIn(windowId, takeOver) {
    await hallApi.call('signInWindow', { params: { windowId }, body: { takeOver } });
  },
  async signOut(windowId) {
    await hallApi.call('signOutWindow', { params: { windowId } });
  },
  async ticketForCode(input, idempotencyKey) {
    const res = await hallApi.call('takeTicket', {
      params: { hallId: input.hallId },
      body: { mode: 'code', serviceId: input.serviceId, code: input.code },
      headers: { 'idempotency-key': idempotencyKey },
    });
    return toTicket(res.ticket);
  },
};

/** The hall's board (叫号屏) over HTTP: a snapshot, then the server-sent event stream. */
export const httpHallBoard: BoardGateway = {
  async board(hallId) {
    return toBoard(await hallApi.call('board', { params: { hallId } }));
  },
  boardStreamUrl: (hallId) => `${API_BASE}${fillPath(hallRoutes.boardEvents.path, { hallId })}`,
  parseBoardEvent(data) {
    try {
      const raw: unknown = JSON.parse(data);
      const event = BoardEvent.safeParse(raw);
      if (event.success) return event.data.type === 'board' ? toBoard(event.data.board) : null;
      const board = BoardView.safeParse(raw);
      return board.success ? toBoard(board.data) : null;
    } catch {
      return null;
    }
  },
  boardEventNames: ['board'],
};
