import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import { maskApi } from '../../../api/mask-api';
import { isApiError } from '../../../api/api-error';
import { userMessage } from '../../../api/error-messages';
import type { LotteryApplication, MyReservation } from '../../../api/mask-contract';
import { withRecentBookings } from '../../lib/recent-bookings';

/** A refused cancellation: too late (details.pickupDate) or no longer 待取 (details.status). */
export function cancelErrorMessage(error: unknown): string {
  const details = isApiError(error) && error.code === 'CONFLICT' ? (error.rawDetails as Record<string, unknown> | undefined) : undefined;
  if (details && typeof details.pickupDate === 'string') return '取货当天及之后不能取消预约';
  if (details && typeof details.status === 'string') return '该预约已不能取消，请刷新后查看';
  return userMessage(error);
}

/** 我的预约: the caller's and their family's reservations and lottery applications; cancelling. */
export function useReservations() {
  const [items, setItems] = useState<MyReservation[]>([]);
  const [applications, setApplications] = useState<LotteryApplication[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const res = withRecentBookings(await maskApi.callMask('myReservations'));
      setItems(res.items);
      setApplications(res.applications);
      setError(null);
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setLoaded(true);
    }
  }, []);

  const cancel = async (r: MyReservation) => {
    if (cancelling) return;
    const answer = await Taro.showModal({
      title: '取消预约',
      content: `确定取消${r.personName}在${r.pharmacyName}的预约吗？取消后取货码作废。`,
      confirmText: '取消预约',
      cancelText: '再想想',
    });
    if (!answer.confirm) return;
    setCancelling(r.id);
    try {
      const res = await maskApi.callMask('cancelReservation', { params: { id: r.id } });
      setItems((list) => list.map((x) => (x.id === r.id ? { ...res.reservation, pickupCode: null, shortCode: null } : x)));
      void Taro.showToast({ title: '已取消预约', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: cancelErrorMessage(e), icon: 'none' });
      void reload();
    } finally {
      setCancelling(null);
    }
  };

  return { items, applications, loaded, error, cancelling, reload, cancel };
}
