import { Text, View } from '@tarojs/components';
import type { Ticket } from '../lib/hall-view';
import { minutesText } from '../lib/hall-format';

const STAFF_LABELS: Partial<Record<Ticket['status'], string>> = { called: '已叫号', serving: '办理中' };

/** The ticket at the window now, as the staff member sees it. */
export function ConsoleTicket({ ticket, now }: { ticket: Ticket | null; now: number }) {
  if (!ticket) {
    return (
      <View id="console-current" className="card console-current console-current--empty">
        <Text className="muted">当前无办理中的号码，点「叫下一位」</Text>
      </View>
    );
  }
  const waited = ticket.waitedMin ?? (Date.parse(ticket.calledAt ?? new Date(now).toISOString()) - Date.parse(ticket.takenAt)) / 60_000;
  return (
    <View id="console-current" className="card console-current" data-status={ticket.status}>
      <View className="console-current-head">
        <Text id="console-number" className="console-number">
          {ticket.number}
        </Text>
        <Text id="console-status" className={`status-pill status-pill--${ticket.status === 'serving' ? 'green' : 'orange'}`}>
          {STAFF_LABELS[ticket.status] ?? ticket.status}
        </Text>
      </View>
      <Text className="console-line">{ticket.serviceName}</Text>
      {ticket.personName ? <Text className="console-line">办事人：{ticket.personName}</Text> : null}
      <Text className="muted">
        {[ticket.fromAppointment && '预约', ticket.priority && '优先', `已等 ${minutesText(waited)}`].filter(Boolean).join(' · ')}
      </Text>
    </View>
  );
}
