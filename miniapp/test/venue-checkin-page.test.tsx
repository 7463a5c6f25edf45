import { act, fireEvent, render } from '@testing-library/react';
import Taro from '@tarojs/taro';
import VenueCheckinPage from '../src/packageVenues/pages/checkin/index';
import { elderlyModeStore } from '../src/store/elderly-mode';
import { setRouterParams } from '../test-doubles/taro';
import { familyMember } from './family-fixtures';
import { fakeServer, signedIn } from './helpers';
import { checkinAnswer, checkinPerson, SCAN_URL, VENUE_CODE, VENUES } from './venue-fixtures';

const byId = (id: string) => document.getElementById(id);
const text = (id: string) => byId(id)?.textContent ?? null;
const tap = (id: string) => fireEvent.click(byId(id)!);
// The phone's clock runs 5 s behind the server's: the page shows the server's time.
const NOW = Date.parse('2026-12-05T01:29:55.000Z');

async function flush(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 6; i += 1) await Promise.resolve();
  });
}

describe('扫场所码 page', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: NOW });
    signedIn();
    act(() => elderlyModeStore.set(false));
    fakeServer.on('GET', VENUES.family, fakeServer.json(200, { items: [], limit: 5 }));
  });
  afterEach(() => jest.useRealTimers());

  it("opens from the poster's link with the code, checks in oneself and shows the guard's page with a live clock", async () => {
    setRouterParams({ code: VENUE_CODE });
    fakeServer.on('POST', VENUES.checkins, fakeServer.json(200, checkinAnswer([checkinPerson('p-self')])));
    render(<VenueCheckinPage />);
    await flush();

    expect(byId('checkin-entry')).toBeNull();
    expect(byId('checkin-who-self')?.getAttribute('data-checked')).toBe('true');
    tap('checkin-submit');
    await flush();

    expect(fakeServer.requestsTo(VENUES.checkins).map((r) => r.data)).toEqual([{ venueCode: VENUE_CODE }]);
    expect(text('checkin-venue-name')).toBe('幸福里菜市场');
    expect(byId('checkin-person-0')?.getAttribute('data-colour')).toBe('green');
    expect(byId('checkin-person-0')?.textContent).toContain('王*');
    expect(byId('checkin-person-0')?.textContent).toContain('可以进入');
    expect(text('checkin-time')).toBe('登记时间 09:30');
    expect(text('checkin-clock')).toBe('09:30:00');
    act(() => jest.advanceTimersByTime(3000));
    expect(text('checkin-clock')).toBe('09:30:03');

    tap('checkin-done');
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/index/index' });
  });

  it('lands from WeChat with the scanned URL in q', async () => {
    setRouterParams({ q: encodeURIComponent(SCAN_URL) });
    render(<VenueCheckinPage />);
    await flush();
    expect(byId('checkin-choose')).not.toBeNull();
  });

  it('checks in family members too (one request for oneself, one by person id) and shows each with what to do', async () => {
    setRouterParams({ code: VENUE_CODE });
    fakeServer.on('GET', VENUES.family, fakeServer.json(200, { items: [familyMember('f-1', { name: '王奶奶', relation: 'grandparent' })], limit: 5 }));
    fakeServer.on('POST', VENUES.checkins, (req) => {
      const body = req.data as { personIds?: string[] };
      return fakeServer.json(
        200,
        body.personIds
          ? checkinAnswer([checkinPerson('person-of-f-1', { maskedName: '王**', colour: 'yellow', reasons: [{ rule: 'exposure', text: '您到过有病例活动的场所', greenCondition: null, until: null }] })])
          : checkinAnswer([checkinPerson('p-self', { duplicate: true })]),
      );
    });
    render(<VenueCheckinPage />);
    await flush();

    expect(text('checkin-who-person-of-f-1')).toBe('王奶奶（祖父母/外祖父母） · 尾号 0021');
    tap('checkin-who-person-of-f-1');
    tap('checkin-submit');
    await flush();

    const bodies = fakeServer.requestsTo(VENUES.checkins).map((r) => r.data);
    expect(bodies).toEqual(expect.arrayContaining([{ venueCode: VENUE_CODE }, { venueCode: VENUE_CODE, personIds: ['person-of-f-1'] }]));
    expect(byId('checkin-person-0')?.getAttribute('data-colour')).toBe('green');
    expect(byId('checkin-person-1')?.getAttribute('data-colour')).toBe('yellow');
    expect(byId('checkin-person-1')?.textContent).toContain('请暂不进入');
    expect(text('checkin-person-1-todo')).toContain('核酸检测');
    expect(byId('checkin-person-1')?.textContent).toContain('您到过有病例活动的场所');
    expect(text('checkin-time')).toContain('30分钟内已登记过');
  });

  it('on H5 takes a pasted poster link, and says so when the text is no venue code', async () => {
    render(<VenueCheckinPage />);
    await flush();
    expect(byId('checkin-scan')).toBeNull();

    fireEvent.change(byId('checkin-code-input')!, { target: { value: 'GPC1.a-health-code' } });
    tap('checkin-code-submit');
    expect(text('checkin-entry-error')).toBe('这不是场所码，请扫门口张贴的场所码');

    fireEvent.change(byId('checkin-code-input')!, { target: { value: SCAN_URL } });
    tap('checkin-code-submit');
    expect(byId('checkin-choose')).not.toBeNull();
  });

  it('refuses a forged code with the reason, and sends to 实名认证 when needed', async () => {
    setRouterParams({ code: VENUE_CODE });
    fakeServer.on('POST', VENUES.checkins, fakeServer.error(422, 'INVALID_CODE'), fakeServer.error(403, 'IDENTITY_REQUIRED'));
    render(<VenueCheckinPage />);
    await flush();

    tap('checkin-submit');
    await flush();
    expect(byId('checkin-error')?.textContent).toContain('场所码无法识别');
    expect(byId('checkin-result')).toBeNull();

    tap('checkin-submit');
    await flush();
    expect(byId('checkin-error')?.getAttribute('data-code')).toBe('IDENTITY_REQUIRED');
    tap('checkin-go-identity');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/identity/index' });
  });

  it('needs at least one person ticked', async () => {
    setRouterParams({ code: VENUE_CODE });
    render(<VenueCheckinPage />);
    await flush();
    tap('checkin-who-self');
    expect(byId('checkin-submit')?.hasAttribute('disabled')).toBe(true);
  });

  it('carries .elderly in 关怀模式', async () => {
    act(() => elderlyModeStore.set(true));
    Taro.setStorageSync('govpass.elderlyMode', true);
    setRouterParams({ code: VENUE_CODE });
    render(<VenueCheckinPage />);
    await flush();
    expect(byId('page-venue-checkin')?.classList.contains('elderly')).toBe(true);
  });
});
