import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../components/page-shell';
import { pages, routeParam } from '../../../constants/pages';
import { familyMemberLabel } from '../../../constants/relation-labels';
import { chinaDateOf, formatDay } from '../../../utils/china-time';
import { classNames } from '../../../utils/class-names';
import { flagAttribute } from '../../../utils/flag-attribute';
import { ChipChoice } from '../../components/chip-choice';
import { MaterialsChecklist } from '../../components/materials-checklist';
import { SlotGrid } from '../../components/slot-grid';
import { useBooking } from '../../hooks/use-booking';
import { useClock } from '../../hooks/use-clock';
import { dayChipLabel, slotLabel } from '../../lib/hall-format';
import './index.scss';

/** 预约: pick a day and a time, for whom, confirm. A full time can be waitlisted instead. */
export default function BookPage() {
  const { params } = useRouter();
  const b = useBooking({ hallId: routeParam(params, 'hallId'), serviceId: routeParam(params, 'serviceId'), rescheduleId: routeParam(params, 'reschedule') });
  const now = useClock();
  const today = chinaDateOf(now);
  const full = b.slot !== null && b.slot.remaining <= 0;
  const rescheduling = routeParam(params, 'reschedule') !== '';
  const people = [{ value: 'self', label: '本人' }, ...b.family.map((m) => ({ value: m.personId, label: familyMemberLabel(m) }))];

  return (
    <PageShell id="page-hall-book" className="page--padded">
      <View className="card">
        <Text id="book-service" className="card-title">
          {b.service?.name ?? '加载中…'}
        </Text>
        <Text className="muted">{b.hall?.name}</Text>
        {b.hall ? <Text className="muted">地址：{b.hall.address}</Text> : null}
      </View>

      <View className="card">
        <Text className="card-title">第一步：选日期</Text>
        {b.days.length === 0 && b.hall ? <Text className="muted">近期没有可预约的日期</Text> : null}
        <ChipChoice
          id="book-days"
          options={b.days.map((d) => {
            const l = dayChipLabel(d, today);
            return { value: d, label: l.top, sub: l.bottom };
          })}
          selected={b.date ? [b.date] : []}
          onToggle={b.chooseDay}
        />
      </View>

      <View className="card">
        <Text className="card-title">第二步：选时间</Text>
        {b.day && !b.day.open ? <Text className="muted">这一天大厅不开放</Text> : null}
        {b.day && b.day.open ? <SlotGrid slots={b.day.slots.filter((s) => s.bookable)} selected={b.slot?.id ?? null} onSelect={b.chooseSlot} /> : null}
        {!b.day ? <Text className="muted">加载中…</Text> : null}
      </View>

      {!rescheduling ? (
        <View className="card">
          <Text className="card-title">第三步：为谁办</Text>
          <ChipChoice id="book-person" options={people} selected={[b.personId ?? 'self']} onToggle={(v) => b.choosePerson(v === 'self' ? null : v)} />
        </View>
      ) : null}

      {b.service ? (
        <View className="card">
          <Text className="card-title">请带好这些材料</Text>
          <MaterialsChecklist id="book-materials" materials={b.service.materials} />
        </View>
      ) : null}

      {b.slot ? (
        <View id="book-summary" className="card book-summary">
          <Text className="book-summary-line">
            {formatDay(b.slot.date)} {slotLabel(b.slot.start, b.slot.end)}
          </Text>
          {full ? (
            <Text id="book-full-note" className="appointment-note">
              这个时段已约满。您可以排队候补（前面有 {b.slot.waitlist} 人），有人取消会按顺序给您，并通知您
            </Text>
          ) : null}
        </View>
      ) : null}

      {b.error ? (
        <View id="book-error-box" className="card list-error" data-code={b.error.code ?? ''}>
          <Text id="book-error" className="form-error">
            {b.error.message}
          </Text>
          {b.error.code === 'IDENTITY_REQUIRED' ? (
            <Button id="book-go-identity" className="secondary-button list-retry" onClick={() => void Taro.navigateTo({ url: pages.identity })}>
              去实名认证
            </Button>
          ) : null}
        </View>
      ) : null}

      <View className="page-actions page-actions--sticky">
        <Button
          id="book-submit"
          className={classNames('primary-button', !b.slot && 'button--disabled')}
          loading={flagAttribute(b.submitting)}
          disabled={flagAttribute(b.submitting || !b.slot || (rescheduling && full))}
          onClick={() => void b.submit()}
        >
          {rescheduling ? '确认改约' : full ? '排队候补' : '确认预约'}
        </Button>
      </View>
    </PageShell>
  );
}
