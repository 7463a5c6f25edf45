import { Button, Text, View } from '@tarojs/components';
import type { Appointment } from '../lib/hall-view';
import { appointmentStatusLabels, shortDay, slotLabel, statusTone } from '../lib/hall-format';
import { classNames } from '../../utils/class-names';
import { flagAttribute } from '../../utils/flag-attribute';

interface AppointmentCardProps {
  appointment: Appointment;
  highlighted: boolean;
  busy: boolean;
  now: number;
  onShowCode: (a: Appointment) => void;
  onCancel: (a: Appointment) => void;
  onReschedule: (a: Appointment) => void;
  onDecline: (a: Appointment) => void;
  onOpenTicket: (a: Appointment) => void;
}

/** One appointment in 我的预约 with what can be done with it now. */
export function AppointmentCard(props: AppointmentCardProps) {
  const { appointment: a, highlighted, busy, now } = props;
  const changeable = a.changeableUntil !== null && Date.parse(a.changeableUntil) > now && (a.status === 'booked' || a.status === 'waitlisted');
  const id = `appointment-${a.id}`;
  return (
    <View id={id} className={classNames('card appointment-card', highlighted && 'appointment-card--highlight')} data-status={a.status}>
      <View className="appointment-head">
        <Text className="appointment-service">{a.serviceName}</Text>
        <Text id={`${id}-status`} className={`status-pill status-pill--${statusTone(a.status)}`}>
          {appointmentStatusLabels[a.status]}
        </Text>
      </View>
      <Text className="appointment-when">
        {shortDay(a.date)} {slotLabel(a.slotStart, a.slotEnd)}
      </Text>
      <Text className="appointment-hall">{a.hallName}</Text>
      {a.hallAddress ? <Text className="muted">{a.hallAddress}</Text> : null}
      <Text className="muted">办事人：{a.personName}</Text>
      {a.status === 'waitlisted' && a.waitlistPosition !== null ? (
        <Text id={`${id}-waitlist`} className="appointment-note">
          候补第 {a.waitlistPosition} 位，有人取消会按顺序通知您
        </Text>
      ) : null}
      {a.status === 'booked' && a.fromWaitlist ? (
        <Text id={`${id}-from-waitlist`} className="appointment-note">
          候补成功！有人取消，这个位置给了您。如果去不了，请点「不要了」让给下一位
        </Text>
      ) : null}
      <View className="appointment-actions">
        {a.status === 'booked' ? (
          <Button id={`${id}-code`} className="primary-button appointment-action" onClick={() => props.onShowCode(a)}>
            出示到场码
          </Button>
        ) : null}
        {a.ticketId ? (
          <Button id={`${id}-ticket`} className="primary-button appointment-action" onClick={() => props.onOpenTicket(a)}>
            查看排队
          </Button>
        ) : null}
        {changeable && a.status === 'booked' ? (
          <Button id={`${id}-reschedule`} className="secondary-button appointment-action" disabled={flagAttribute(busy)} onClick={() => props.onReschedule(a)}>
            改约
          </Button>
        ) : null}
        {a.status === 'booked' && a.fromWaitlist ? (
          <Button id={`${id}-decline`} className="secondary-button appointment-action" disabled={flagAttribute(busy)} onClick={() => props.onDecline(a)}>
            不要了
          </Button>
        ) : null}
        {changeable ? (
          <Button id={`${id}-cancel`} className="secondary-button appointment-action appointment-cancel" disabled={flagAttribute(busy)} onClick={() => props.onCancel(a)}>
            {a.status === 'waitlisted' ? '退出候补' : '取消预约'}
          </Button>
        ) : null}
      </View>
    </View>
  );
}
