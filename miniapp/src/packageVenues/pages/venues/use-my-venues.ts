import { useDidShow } from '@tarojs/taro';
import { venueApi } from '../../../api/venue-api';
import { useLoad } from '../../hooks/use-load';

/** The manager's venues (an admin's: all), loaded again when the page shows (back from 登记新场所). */
export function useMyVenues(enabled: boolean) {
  const loaded = useLoad('my-venues', async () => (await venueApi.call('myVenues')).items, enabled);
  useDidShow(() => {
    if (enabled && loaded.data) void loaded.reload();
  });
  return loaded;
}
