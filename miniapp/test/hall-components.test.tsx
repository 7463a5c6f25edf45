import { fireEvent, render, screen } from '@testing-library/react';
import { EtaRangeView, etaMarks } from '../src/packageHall/components/eta-range';
import { GradePicker } from '../src/packageHall/components/grade-picker';
import { HoursList } from '../src/packageHall/components/hours-list';
import { MaterialsChecklist } from '../src/packageHall/components/materials-checklist';
import { QueueStatus } from '../src/packageHall/components/queue-status';
import { SlotGrid } from '../src/packageHall/components/slot-grid';
import { bookableDays } from '../src/packageHall/lib/bookable-days';
import { dayChipLabel, formatDistance, hoursLines, minutesText, todayHours } from '../src/packageHall/lib/hall-format';
import { hall, slot, ticket } from './hall-fixtures';

const byId = (id: string) => document.getElementById(id);

describe('hall presentational parts', () => {
  it('shows the wait as a range: words and a bar with the typical part inside the worst', () => {
    render(<EtaRangeView eta={{ typicalMin: 12, worstMin: 75 }} />);
    expect(byId('eta-words')?.textContent).toBe('大约还要等 12分钟，最多 1小时15分钟');
    const { typicalPct, worstPct } = etaMarks({ typicalMin: 12, worstMin: 75 });
    expect(typicalPct).toBeLessThan(worstPct);
    expect(worstPct).toBeLessThan(100);
    expect(etaMarks({ typicalMin: 2, worstMin: 3 }).worstPct).toBeLessThanOrEqual(30); // a short wait looks short
    expect(etaMarks({ typicalMin: 9, worstMin: 4 }).worstPct).toBe(etaMarks({ typicalMin: 9, worstMin: 4 }).typicalPct);
  });

  it('says 马上就到您了 for a wait of a minute, and that it is estimating without an ETA', () => {
    const { unmount } = render(<EtaRangeView eta={{ typicalMin: 0, worstMin: 1 }} />);
    expect(byId('eta-words')?.textContent).toBe('马上就到您了');
    unmount();
    render(<EtaRangeView eta={null} />);
    expect(byId('eta-unknown')?.textContent).toContain('正在估算');
  });

  it('tells a waiting person how many are ahead, a called one which window, a finished one that it is done', () => {
    const { rerender } = render(<QueueStatus ticket={ticket('t-1', { ahead: 4 })} />);
    expect(byId('queue-number')?.textContent).toBe('A012');
    expect(byId('queue-ahead')?.textContent).toBe('前面还有 4 人');
    expect(byId('queue-now-serving')?.textContent).toBe('正在办理：A008');

    rerender(<QueueStatus ticket={ticket('t-1', { ahead: 0 })} />);
    expect(byId('queue-ahead')?.textContent).toBe('下一位就是您');

    rerender(<QueueStatus ticket={ticket('t-1', { status: 'called', ahead: null, windowLabel: '3', eta: null })} />);
    expect(byId('queue-window')?.textContent).toBe('请到 3号窗口 办理');
    expect(byId('queue-ahead')).toBeNull();

    rerender(<QueueStatus ticket={ticket('t-1', { status: 'done', ahead: null, eta: null })} />);
    expect(byId('queue-state')?.textContent).toBe('已办结');
  });

  it('lists required materials first and lets one tick them off', () => {
    render(<MaterialsChecklist id="m" materials={hall().services[0].materials} />);
    const rows = document.querySelectorAll('#m .material');
    expect(rows[0].textContent).toContain('必带身份证');
    expect(rows[0].textContent).toContain('原件');
    expect(rows[1].textContent).toContain('可选户口本');
    fireEvent.click(rows[0]);
    expect(rows[0].querySelector('.check-box--on')).not.toBeNull();
    fireEvent.click(rows[0]);
    expect(rows[0].querySelector('.check-box--on')).toBeNull();
  });

  it('says no materials are needed when there are none', () => {
    render(<MaterialsChecklist id="m" materials={[]} />);
    expect(byId('m')?.textContent).toContain('带上身份证即可');
  });

  it('joins weekdays with the same hours and marks today', () => {
    const hours = [
      ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '09:00', close: '17:00' })),
      { weekday: 6, open: '09:00', close: '12:00' },
    ];
    expect(hoursLines(hours).map((l) => `${l.days} ${l.time}`)).toEqual(['周一至五 09:00–17:00', '周六 09:00–12:00', '周日 休息']);
    // 2030-01-07 is a Monday (10:00 China time)
    const monday = Date.parse('2030-01-07T02:00:00Z');
    render(<HoursList hours={hours} now={monday} />);
    expect(document.querySelector('.hours-line--today')?.textContent).toBe('周一至五09:00–17:00');
    expect(todayHours({ hours }, monday)).toBe('今天 09:00–17:00');
    expect(todayHours({ hours }, Date.parse('2030-01-06T02:00:00Z'))).toBe('今天休息');
  });

  it('offers only the days the hall is open, and names today and tomorrow', () => {
    const hours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '09:00', close: '17:00' }));
    // 2030-01-10 is a Thursday: Thu, Fri, (Sat, Sun closed), Mon
    expect(bookableDays('2030-01-10', '2030-01-14', hours)).toEqual(['2030-01-10', '2030-01-11', '2030-01-14']);
    expect(dayChipLabel('2030-01-10', '2030-01-10')).toEqual({ top: '今天', bottom: '1月10日' });
    expect(dayChipLabel('2030-01-11', '2030-01-10')).toEqual({ top: '明天', bottom: '1月11日' });
    expect(dayChipLabel('2030-01-14', '2030-01-10').top).toBe('周一');
  });

  it('shows places left per slot, and a full slot as one to wait for', () => {
    const onSelect = jest.fn();
    render(<SlotGrid slots={[slot('09:00'), slot('09:30', { remaining: 0 })]} selected="2030-01-07|09:00" onSelect={onSelect} />);
    const slots = document.querySelectorAll('.slot');
    expect(slots[0].textContent).toBe('09:00–09:30余 3 个');
    expect(slots[0].classList.contains('slot--selected')).toBe(true);
    expect(slots[1].textContent).toContain('已约满 可候补');
    fireEvent.click(slots[1]);
    expect(onSelect).toHaveBeenCalledWith(expect.objectContaining({ start: '09:30' }));
  });

  it('offers five grades best first and reports the one tapped', () => {
    const onChange = jest.fn();
    render(<GradePicker value={2} onChange={onChange} />);
    expect(Array.from(document.querySelectorAll('.grade-label'), (e) => e.textContent)).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(byId('grade-2')?.classList.contains('grade--selected')).toBe(true);
    fireEvent.click(screen.getByText('非常满意'));
    expect(onChange).toHaveBeenCalledWith(5);
  });

  it('formats distances and minutes the way people say them', () => {
    expect(formatDistance(850)).toBe('850米');
    expect(formatDistance(1234)).toBe('1.2公里');
    expect(formatDistance(null)).toBeNull();
    expect(minutesText(65)).toBe('1小时5分钟');
    expect(minutesText(120)).toBe('2小时');
  });
});
