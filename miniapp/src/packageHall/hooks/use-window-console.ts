import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { isApiError } from '../../api/api-error';
import { userMessage } from '../../api/error-messages';
import { IntentKeys } from '../../api/idempotency-key';
import { hallGateway } from '../gateway';
import type { TicketAction } from '../lib/hall-gateway';
import type { PriorityReason, Ticket, WindowDesk } from '../lib/hall-view';
import { usePolling } from './use-polling';

export const WINDOW_STORAGE_KEY = 'govpass.hall.window';
const REFRESH_MS = 8000;

/**
 * 窗口叫号: the window this staff member works at this shift (remembered on the phone), its
 * current ticket and queue; every step reloads the desk so two windows never show stale tickets.
 */
export function useWindowConsole(hallId: string | null) {
  const [windows, setWindows] = useState<{ id: string; label: string; name: string }[]>([]);
  const [windowId, setWindowId] = useState<string | null>(() => String(Taro.getStorageSync(WINDOW_STORAGE_KEY) ?? '') || null);
  const [desk, setDesk] = useState<WindowDesk | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<Ticket | null>(null);
  /** A window the staff member asked for but someone (or they, elsewhere) holds: 接管 takes it over. */
  const [blocked, setBlocked] = useState<{ windowId: string; message: string } | null>(null);
  const codeKeys = useRef(new IntentKeys());

  useEffect(() => {
    if (!hallId) return;
    let active = true;
    hallGateway()
      .hallWindows(hallId)
      .then((res) => {
        if (!active) return;
        setWindows(res.windows);
        setWindowId((chosen) => (chosen && res.windows.some((w) => w.id === chosen) ? chosen : null));
      })
      .catch((e) => active && setError(userMessage(e)));
    return () => {
      active = false;
    };
  }, [hallId]);

  const reload = useCallback(async () => {
    if (!windowId) return;
    try {
      setDesk(await hallGateway().windowDesk(windowId));
      setError(null);
    } catch (e) {
      setError(userMessage(e));
    }
  }, [windowId]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the desk of the window just chosen is fetched when it is chosen
    void reload();
  }, [reload]);
  usePolling(() => void reload(), windowId ? REFRESH_MS : null);

  const remember = (id: string | null) => {
    Taro.setStorageSync(WINDOW_STORAGE_KEY, id ?? '');
    setDesk(null);
    setWindowId(id);
  };

  /** 上岗 at a window (one at a time); a refusal offers 接管, which releases the other sign-ins. */
  const chooseWindow = async (id: string | null, takeOver = false) => {
    if (busy) return;
    setError(null);
    setBlocked(null);
    if (!id) {
      if (windowId) await hallGateway().signOut(windowId).catch(() => undefined);
      remember(null);
      return;
    }
    setBusy(true);
    try {
      await hallGateway().signIn(id, takeOver);
      remember(id);
    } catch (e) {
      if (isApiError(e) && (e.code === 'SIGNED_IN_ELSEWHERE' || e.code === 'WINDOW_TAKEN')) setBlocked({ windowId: id, message: userMessage(e) });
      else setError(userMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const step = async (run: (windowId: string) => Promise<unknown>, done?: string) => {
    if (!windowId || busy) return;
    setBusy(true);
    setError(null);
    try {
      await run(windowId);
      if (done) void Taro.showToast({ title: done, icon: 'none' });
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setBusy(false);
      await reload();
    }
  };

  const callNext = () =>
    step(async (w) => {
      // The last number printed for a scanned code is history once the next person is called.
      setIssued(null);
      const t = await hallGateway().callNext(w);
      if (!t) void Taro.showToast({ title: '现在没有人排队', icon: 'none' });
    });
  const act = (action: TicketAction) => {
    const t = desk?.current;
    if (!t) return Promise.resolve();
    const words = { recall: '已重新叫号', skip: '已过号', start: '开始办理', complete: '已办结' } as const;
    return step((w) => hallGateway().ticketAction(t.id, action, w), words[action]);
  };
  const transfer = (serviceId: string) => {
    const t = desk?.current;
    if (!t) return Promise.resolve();
    return step((w) => hallGateway().transfer(t.id, serviceId, w), '已转办，保留原排队顺序');
  };
  /** 叫这个号: a chosen waiting ticket, out of order (the reason is audited). */
  const callChosen = (ticketId: string, reason: string) =>
    step(async (w) => {
      setIssued(null);
      await hallGateway().callChosen(w, ticketId, reason);
    }, '已叫号');
  const setPriority = (ticketId: string, reasons: PriorityReason[]) => step(() => hallGateway().setPriority(ticketId, reasons), reasons.length > 0 ? '已设为优先' : '已取消优先');
  const setStatus = (status: 'open' | 'paused' | 'closed') => step((w) => hallGateway().setWindowStatus(w, status));
  const ticketForCode = (code: string, serviceId: string) =>
    step(async () => {
      if (!desk) return;
      const key = codeKeys.current.keyFor(`${code}|${serviceId}`);
      try {
        const t = await hallGateway().ticketForCode({ hallId: desk.hallId, serviceId, code: code.trim() }, key);
        codeKeys.current.settle();
        setIssued(t);
      } catch (e) {
        codeKeys.current.settle();
        throw e;
      }
    });

  return { windows, windowId, desk, error, busy, issued, blocked, chooseWindow, callNext, callChosen, setPriority, act, transfer, setStatus, ticketForCode, reload };
}
