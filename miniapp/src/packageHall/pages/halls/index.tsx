import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { PageShell } from '../../../components/page-shell';
import { pages, withQuery } from '../../../constants/pages';
import { HallCard } from '../../components/hall-card';
import { useClock } from '../../hooks/use-clock';
import { useHalls } from '../../hooks/use-halls';
import './index.scss';

/** 办事大厅: the halls near me, and the way to one's appointments and queue numbers. */
export default function HallsPage() {
  const state = useHalls();
  const now = useClock();
  return (
    <PageShell id="page-hall-list" className="page--padded">
      <View className="hall-shortcuts">
        <Button id="halls-my-appointments" className="secondary-button hall-shortcut" onClick={() => void Taro.navigateTo({ url: pages.hallAppointments })}>
          我的预约
        </Button>
        <Button id="halls-my-tickets" className="secondary-button hall-shortcut" onClick={() => void Taro.navigateTo({ url: pages.hallTicket })}>
          我的排队
        </Button>
      </View>
      <Text className="section-title">{state.located ? '离您最近的办事大厅' : '办事大厅'}</Text>
      {state.loading && !state.halls ? (
        <Text id="halls-loading" className="muted list-note">
          正在查找附近的办事大厅…
        </Text>
      ) : null}
      {state.error ? (
        <View id="halls-error" className="card list-error">
          <Text className="form-error">{state.error.message}</Text>
          <Button id="halls-retry" className="secondary-button list-retry" onClick={() => void state.reload()}>
            重试
          </Button>
        </View>
      ) : null}
      {state.halls && state.halls.length === 0 ? (
        <Text id="halls-empty" className="muted list-note">
          附近暂无办事大厅
        </Text>
      ) : null}
      <View id="hall-list">
        {(state.halls ?? []).map((h) => (
          <HallCard key={h.id} hall={h} now={now} onOpen={(hall) => void Taro.navigateTo({ url: withQuery(pages.hall, { id: hall.id }) })} />
        ))}
      </View>
    </PageShell>
  );
}
