import { useState } from 'react';
import Taro from '@tarojs/taro';
import { isApiError } from '../../api/api-error';
import { userMessage } from '../../api/error-messages';
import { formatDay } from '../../utils/china-time';
import { hallGateway } from '../gateway';
import { slotLabel } from '../lib/hall-format';
import type { Appointment } from '../lib/hall-view';
import { useLoaded } from './use-loaded';

/** 我的预约: list, cancel (or leave a waitlist), give back a place from the waitlist. */
export function useAppointments() {
  const list = useLoaded(() => hallGateway().myAppointments());
  const [busy, setBusy] = useState<string | null>(null);

  const act = async (a: Appointment, confirm: { title: string; content: string; ok: string }, run: () => Promise<unknown>, done: string) => {
    if (busy) return;
    const answer = await Taro.showModal({ title: confirm.title, content: confirm.content, confirmText: confirm.ok, cancelText: '再想想' });
    if (!answer.confirm) return;
    setBusy(a.id);
    try {
      await run();
      void Taro.showToast({ title: done, icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: isApiError(e) ? userMessage(e) : '操作失败，请稍后再试', icon: 'none' });
    } finally {
      setBusy(null);
      void list.reload();
    }
  };

  const when = (a: Appointment) => `${formatDay(a.date)} ${slotLabel(a.slotStart, a.slotEnd)}`;

  const cancel = (a: Appointment) =>
    a.status === 'waitlisted'
      ? act(a, { title: '退出候补', content: `确定不再候补${when(a)}的${a.serviceName}吗？`, ok: '退出候补' }, () => hallGateway().leaveWaitlist(a.id), '已退出候补')
      : act(a, { title: '取消预约', content: `确定取消${when(a)}的${a.serviceName}预约吗？`, ok: '取消预约' }, () => hallGateway().cancelAppointment(a.id), '已取消预约');

  const decline = (a: Appointment) =>
    act(a, { title: '不要这个位置', content: '放弃后，这个位置会给候补的下一位。确定放弃吗？', ok: '放弃' }, () => hallGateway().declineOffer(a.id), '已放弃');

  return { items: list.data, error: list.error, loading: list.loading, reload: list.reload, busy, cancel, decline };
}
