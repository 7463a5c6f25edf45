import { Text, View } from '@tarojs/components';
import type { Ticket } from '../lib/hall-view';
import { ticketStatusLabels, windowText } from '../lib/hall-format';
import { classNames } from '../../utils/class-names';
import { EtaRangeView } from './eta-range';

/**
 * 我的排队, the big part: the ticket number, then what to do now — wait (前面还有 N 人, how long),
 * go to a window (when called), or that it is over.
 */
export function QueueStatus({ ticket }: { ticket: Ticket }) {
  const called = ticket.status === 'called' && ticket.windowLabel;
  return (
    <View id="queue-status" className={classNames('card queue-card', called && 'queue-card--called')} data-status={ticket.status}>
      <Text className="queue-service">
        {ticket.hallName} · {ticket.serviceName}
      </Text>
      <Text id="queue-number" className="queue-number">
        {ticket.number}
      </Text>
      {ticket.fromAppointment || ticket.priority ? (
        <Text className="queue-flags">{[ticket.fromAppointment && '预约优先', ticket.priority && '优先照顾'].filter(Boolean).join(' · ')}</Text>
      ) : null}
      {called ? (
        <View id="queue-called" className="queue-called">
          <Text className="queue-called-title">轮到您了</Text>
          <Text id="queue-window" className="queue-window">
            请到 {windowText(ticket.windowLabel ?? '')} 办理
          </Text>
        </View>
      ) : ticket.status === 'waiting' ? (
        <View className="queue-waiting">
          <Text id="queue-ahead" className="queue-ahead">
            {ticket.ahead === 0 ? '下一位就是您' : `前面还有 ${ticket.ahead ?? '—'} 人`}
          </Text>
          <EtaRangeView eta={ticket.eta} />
          {ticket.nowServing.length > 0 ? (
            <Text id="queue-now-serving" className="muted queue-now">
              正在办理：{ticket.nowServing.join('、')}
            </Text>
          ) : null}
        </View>
      ) : (
        <Text id="queue-state" className="queue-state">
          {ticket.status === 'serving' && ticket.windowLabel ? `正在 ${windowText(ticket.windowLabel)} 办理` : ticketStatusLabels[ticket.status]}
        </Text>
      )}
    </View>
  );
}
