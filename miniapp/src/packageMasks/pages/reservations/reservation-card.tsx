import { Button, Text, View } from '@tarojs/components';
import type { LotteryApplication, MyReservation, ReservationStatus } from '../../../api/mask-contract';
import { classNames } from '../../../utils/class-names';
import { formatDay, formatInstant } from '../../../utils/china-time';
import { flagAttribute } from '../../../utils/flag-attribute';
import { PickupQr } from '../../components/pickup-qr';
import { applicationOutcomeText, applicationStatusLabels, canCancel, reservationStatusLabels } from '../../lib/mask-format';
import { maskCount } from '../../lib/stock-label';

const STATUS_TONE: Readonly<Record<ReservationStatus, string>> = {
  reserved: 'blue',
  redeemed: 'green',
  expired: 'grey',
  cancelled: 'grey',
};

const APPLICATION_TONE: Readonly<Record<LotteryApplication['status'], string>> = {
  pending: 'orange',
  won: 'green',
  lost: 'grey',
  ineligible: 'grey',
  cancelled: 'grey',
};

interface ReservationCardProps {
  reservation: MyReservation;
  highlighted: boolean;
  cancelling: boolean;
  onCancel: (r: MyReservation) => void;
}

function Row({ label, value, id }: { label: string; value: string; id?: string }) {
  return (
    <View className="reservation-row">
      <Text className="reservation-label">{label}</Text>
      <Text id={id} className="reservation-value">
        {value}
      </Text>
    </View>
  );
}

export function ReservationCard({ reservation: r, highlighted, cancelling, onCancel }: ReservationCardProps) {
  const base = `reservation-${r.id}`;
  return (
    <View
      id={base}
      className={classNames('card reservation-item', highlighted && 'reservation-item--new')}
      data-id={r.id}
      data-status={r.status}
    >
      {highlighted ? <Text className="reservation-new">预约成功</Text> : null}
      <View className="reservation-head">
        <Text className="reservation-pharmacy">{r.pharmacyName}</Text>
        <Text id={`${base}-status`} className={classNames('status-pill reservation-status', `status-pill--${STATUS_TONE[r.status]}`)}>
          {reservationStatusLabels[r.status] ?? r.status}
        </Text>
      </View>
      <Row label="领取人" value={r.personName} id={`${base}-person`} />
      <Row label="取货日期" value={formatDay(r.pickupDate)} id={`${base}-pickup-date`} />
      <Row label="数量" value={maskCount(r.quantity)} />
      {r.status === 'reserved' && r.pickupCode ? <PickupQr idPrefix={base} code={r.pickupCode} shortCode={r.shortCode} /> : null}
      {canCancel(r) ? (
        <Button
          id={`${base}-cancel`}
          className="secondary-button reservation-cancel"
          loading={flagAttribute(cancelling)}
          disabled={flagAttribute(cancelling)}
          onClick={() => onCancel(r)}
        >
          取消预约
        </Button>
      ) : null}
    </View>
  );
}

export function ApplicationCard({ application: a, highlighted }: { application: LotteryApplication; highlighted: boolean }) {
  const base = `application-${a.id}`;
  const outcome = applicationOutcomeText(a);
  return (
    <View id={base} className={classNames('card reservation-item', highlighted && 'reservation-item--new')} data-id={a.id} data-status={a.status}>
      {highlighted ? <Text className="reservation-new">已提交抽签申请</Text> : null}
      <View className="reservation-head">
        <Text className="reservation-pharmacy">{a.pharmacyName}</Text>
        <Text id={`${base}-status`} className={classNames('status-pill application-status', `status-pill--${APPLICATION_TONE[a.status]}`)}>
          {applicationStatusLabels[a.status] ?? a.status}
        </Text>
      </View>
      <Row label="申请人" value={a.personName} />
      <Row label="申请时间" value={formatInstant(a.createdAt)} />
      {outcome ? (
        <Text id={`${base}-outcome`} className="muted reservation-hint">
          {outcome}
        </Text>
      ) : null}
    </View>
  );
}
