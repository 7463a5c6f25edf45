import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../components/page-shell';
import { pages, routeParam, withQuery } from '../../../constants/pages';
import { QueueStatus } from '../../components/queue-status';
import { useTickets } from '../../hooks/use-tickets';
import './index.scss';

/** 我的排队: live position, which window calls, the wait as a range; 评价 once it is done. */
export default function TicketPage() {
  const { params } = useRouter();
  const state = useTickets(routeParam(params, 'id'));

  return (
    <PageShell id="page-hall-ticket" className="page--padded">
      {!state.loaded && !state.error ? (
        <Text id="ticket-loading" className="muted list-note">
          加载中…
        </Text>
      ) : null}
      {state.error ? (
        <View id="ticket-error" className="card list-error">
          <Text className="form-error">{state.error.message}</Text>
          <Button id="ticket-retry" className="secondary-button list-retry" onClick={() => void state.reload()}>
            重试
          </Button>
        </View>
      ) : null}
      {state.loaded && state.tickets.length === 0 ? (
        <View id="tickets-empty" className="card list-error">
          <Text className="muted">今天还没有取号</Text>
          <Button id="tickets-go-halls" className="primary-button list-retry" onClick={() => void Taro.redirectTo({ url: pages.halls })}>
            去取号
          </Button>
        </View>
      ) : null}
      {state.tickets.map((t) => (
        <View key={t.id} id={`ticket-${t.id}`}>
          <QueueStatus ticket={t} />
          {t.status === 'done' && state.rated.has(t.id) ? (
            <Text id={`ticket-${t.id}-rated`} className="muted list-note queue-note">
              您已评价过这次服务，谢谢
            </Text>
          ) : null}
          {t.status === 'done' && !state.rated.has(t.id) ? (
            <View className="page-actions">
              <Button id={`ticket-${t.id}-rate`} className="primary-button" onClick={() => void Taro.navigateTo({ url: withQuery(pages.hallRate, { ticketId: t.id, service: t.serviceName }) })}>
                评价这次服务
              </Button>
            </View>
          ) : null}
        </View>
      ))}
      {state.tickets.some((t) => t.status === 'waiting') ? <Text className="muted list-note queue-note">页面会自动刷新，叫到您时请留意大厅屏幕和广播</Text> : null}
    </PageShell>
  );
}
