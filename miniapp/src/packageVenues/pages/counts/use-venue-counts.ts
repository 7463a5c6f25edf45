import { useEffect, useState } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { venueApi } from '../../../api/venue-api';
import { useLoad } from '../../hooks/use-load';

export const COUNTS_REFRESH_MS = 60_000;

/** A venue's counts (today, by hour, now), refreshed every minute while the page is on screen. */
export function useVenueCounts(id: string) {
  const counts = useLoad(`counts:${id}`, () => venueApi.call('venueCounts', { params: { id } }), id !== '');
  const { reload } = counts;
  const [visible, setVisible] = useState(true);
  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));
  useEffect(() => {
    if (!visible || !id) return undefined;
    const timer = setInterval(() => void reload(), COUNTS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [visible, id, reload]);
  return counts;
}
