import Taro from '@tarojs/taro';
import { userMessage } from '../../../api/error-messages';
import { venueApi } from '../../../api/venue-api';
import { venuePosterUrl } from '../../lib/venue-poster-url';

/** A venue's list row knows its id, the poster page its signed code: ask the BFF for it, then open the poster. */
export async function openVenuePoster(venueId: string): Promise<void> {
  try {
    const { poster } = await venueApi.call('venuePoster', { params: { id: venueId } });
    await Taro.navigateTo({ url: venuePosterUrl(poster.venueCode) });
  } catch (err) {
    void Taro.showToast({ title: userMessage(err), icon: 'none' });
  }
}
