import Taro from '@tarojs/taro';
import { requestSubscribe as alipaySubscribe } from '../src/platform/subscribe-message.alipay';
import { requestSubscribe as weappSubscribe } from '../src/platform/subscribe-message.weapp';
import { platform } from '../src/platform/platform';

// The double's jest.fn, read as the property it is (Taro's types declare a method).
const prompt = (Taro as unknown as { requestSubscribeMessage: jest.Mock }).requestSubscribeMessage;

// jest.config.js defines GOVPASS_SUBSCRIBE_TEMPLATES with ids for health_colour_changed and hall_called only.
describe('subscribe-message capability', () => {
  it('weapp: asks with the build-time template ids and reports per template', async () => {
    prompt.mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-health': 'accept', 'tmpl-hall': 'reject' });
    await expect(weappSubscribe(['health_colour_changed', 'hall_called', 'mask_booked'])).resolves.toEqual({
      accepted: ['health_colour_changed'],
      declined: ['hall_called', 'mask_booked'],
    });
    expect(prompt).toHaveBeenCalledWith({ tmplIds: ['tmpl-health', 'tmpl-hall'] });
  });

  it('weapp: a closed prompt accepts nothing; no configured id means unsupported without a prompt', async () => {
    prompt.mockRejectedValueOnce({ errMsg: 'requestSubscribeMessage:fail cancel', errCode: 20004 });
    await expect(weappSubscribe(['hall_called'])).resolves.toEqual({ accepted: [], declined: ['hall_called'] });
    prompt.mockClear();
    await expect(weappSubscribe(['mask_booked'])).resolves.toBe('unsupported');
    expect(prompt).not.toHaveBeenCalled();
  });

  it('alipay: passes entityIds and reads the subscribed ids from the result', async () => {
    prompt.mockResolvedValueOnce({ behavior: 'subscribe', result: { subscribeEntityIds: ['tmpl-hall'], unsubscribedEntityIds: ['tmpl-health'] } });
    await expect(alipaySubscribe(['health_colour_changed', 'hall_called'])).resolves.toEqual({ accepted: ['hall_called'], declined: ['health_colour_changed'] });
    expect(prompt).toHaveBeenCalledWith({ entityIds: ['tmpl-health', 'tmpl-hall'] });
  });

  it('h5: unsupported, and no prompt', async () => {
    await expect(platform.requestSubscribe(['health_colour_changed'])).resolves.toBe('unsupported');
    expect(prompt).not.toHaveBeenCalled();
  });
});
