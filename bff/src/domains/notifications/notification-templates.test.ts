import { beijingMinute, fitWechatValue, renderTemplate } from './notification-templates';

describe('notification templates', () => {
  it('renders one event for each platform from one definition', () => {
    const data = { colour: 'yellow', changedAt: Date.UTC(2026, 0, 5, 16, 5) };
    expect(renderTemplate('health_colour_changed', data, 'weapp')).toEqual({
      page: 'pages/index/index',
      values: { phrase1: '黄码', time2: '2026-01-06 00:05', thing3: '请打开政务通查看原因和办理方法' },
    });
    expect(renderTemplate('health_colour_changed', data, 'alipay').values).toEqual({
      keyword1: '黄码',
      keyword2: '2026-01-06 00:05',
      keyword3: '请打开政务通查看原因和办理方法',
    });
  });

  it('cuts WeChat keyword values to their type limits instead of losing the message (47003)', () => {
    expect(fitWechatValue('thing3', '一二三四五六七八九十一二三四五六七八九十')).toBe('一二三四五六七八九十一二三四五六七八九十');
    expect(fitWechatValue('thing3', '一二三四五六七八九十一二三四五六七八九十多')).toBe('一二三四五六七八九十一二三四五六七八九…');
    expect(fitWechatValue('phrase1', '六个字的短语')).toBe('六个字的…');
    expect(fitWechatValue('time2', '2026-01-05 09:15')).toBe('2026-01-05 09:15');
    const long = renderTemplate('mask_booked', { pharmacyName: '同仁堂大药房（长江中路店）第二分店便民服务点', pickupDate: '2026-01-06', quantity: 5, bookedAt: 0 }, 'weapp');
    expect([...(long.values.thing1)]).toHaveLength(20);
  });

  it('rejects data that does not fit and templates that do not exist', () => {
    expect(() => renderTemplate('health_colour_changed', { colour: 'blue', changedAt: 0 }, 'weapp')).toThrow();
    expect(() => renderTemplate('no_such_template', {}, 'weapp')).toThrow('unknown notification template');
  });

  it('writes times in Beijing time', () => {
    expect(beijingMinute(Date.UTC(2026, 11, 31, 16, 0))).toBe('2027-01-01 00:00');
  });

  it('opens 我的排队 from the "please go to window 3" message', () => {
    const data = { hallName: '合肥市政务服务中心', ticketNumber: 'A012', windowName: '3号窗口', calledAt: 0 };
    expect(renderTemplate('hall_called', data, 'weapp').page).toBe('packageHall/pages/ticket/index');
  });

  it('tells the first of a waitlist that a place is theirs (候补成功), opening the appointments page', () => {
    const data = { appointmentId: 'a-1', hallName: '合肥市政务服务中心', serviceName: '居民身份证办理', date: '2026-12-08', start: '10:00', offeredAt: 0 };
    expect(renderTemplate('appointment_offered', data, 'weapp')).toEqual({
      page: 'packageHall/pages/appointments/index',
      values: { thing1: '合肥市政务服务中心', thing2: '居民身份证办理', time3: '2026-12-08 10:00', thing4: '候补成功，不能前往请取消' },
    });
    expect(renderTemplate('appointment_offered', data, 'alipay').values.keyword3).toBe('2026-12-08 10:00');
    expect(() => renderTemplate('appointment_offered', { ...data, start: '10' }, 'weapp')).toThrow();
  });
});
