import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../components/page-shell';
import { pages, routeParam } from '../../../constants/pages';
import { useOnShow } from '../../../hooks/use-on-show';
import { ApplicationCard, ReservationCard } from './reservation-card';
import { useReservations } from './use-reservations';
import './index.scss';

export default function ReservationsPage() {
  const { params } = useRouter();
  const highlight = routeParam(params, 'highlight');
  const state = useReservations();
  useOnShow(() => void state.reload());

  const empty = state.loaded && !state.error && state.items.length === 0 && state.applications.length === 0;

  return (
    <PageShell id="page-mask-reservations" className="page--padded">
      {!state.loaded ? (
        <Text id="reservations-loading" className="muted list-note">
          加载中…
        </Text>
      ) : null}
      {state.error ? (
        <View id="reservations-error" className="card list-error">
          <Text className="form-error">{state.error}</Text>
          <Button id="reservations-retry" className="secondary-button list-retry" onClick={() => void state.reload()}>
            重试
          </Button>
        </View>
      ) : null}
      {empty ? (
        <View id="reservations-empty" className="card list-error">
          <Text className="muted">暂无预约记录</Text>
          <Button id="reservations-go-book" className="primary-button list-retry" onClick={() => void Taro.redirectTo({ url: pages.maskPharmacies })}>
            去预约
          </Button>
        </View>
      ) : null}
      {state.applications.length > 0 ? (
        <View id="application-list">
          <Text className="section-title">抽签申请</Text>
          {state.applications.map((a) => (
            <ApplicationCard key={a.id} application={a} highlighted={a.id === highlight} />
          ))}
        </View>
      ) : null}
      {state.items.length > 0 ? (
        <View id="reservation-list">
          {state.applications.length > 0 ? <Text className="section-title">预约记录</Text> : null}
          {state.items.map((r) => (
            <ReservationCard key={r.id} reservation={r} highlighted={r.id === highlight} cancelling={state.cancelling === r.id} onCancel={(r) => void state.cancel(r)} />
          ))}
        </View>
      ) : null}
    </PageShell>
  );
}
