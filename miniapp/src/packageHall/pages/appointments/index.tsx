import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../components/page-shell';
import { pages, routeParam, withQuery } from '../../../constants/pages';
import { AppointmentCard } from '../../components/appointment-card';
import { PersonalCodeCard } from '../../components/personal-code-card';
import { useAppointments } from '../../hooks/use-appointments';
import { useClock } from '../../hooks/use-clock';
import { usePersonalCode } from '../../hooks/use-personal-code';
import type { Appointment } from '../../lib/hall-view';
import './index.scss';

/** 我的预约: the code to show on arrival, cancel, reschedule, waitlist places. */
export default function AppointmentsPage() {
  const { params } = useRouter();
  const highlight = routeParam(params, 'highlight');
  const state = useAppointments();
  const now = useClock();
  const [showing, setShowing] = useState<Appointment | null>(null);
  const code = usePersonalCode(showing ? showing.personId : undefined);
  const items = state.items ?? [];

  return (
    <PageShell id="page-hall-appointments" className="page--padded">
      {showing ? (
        <View id="appointment-code-view">
          <PersonalCodeCard code={code.code} maskedName={code.maskedName} error={code.error} />
          <View className="card">
            <Text className="muted">
              {showing.hallName} · {showing.serviceName}
            </Text>
          </View>
          <View className="page-actions">
            <Button id="appointment-code-close" className="secondary-button" onClick={() => setShowing(null)}>
              返回我的预约
            </Button>
          </View>
        </View>
      ) : (
        <>
          {state.loading && !state.items ? (
            <Text id="appointments-loading" className="muted list-note">
              加载中…
            </Text>
          ) : null}
          {state.error ? (
            <View id="appointments-error" className="card list-error">
              <Text className="form-error">{state.error.message}</Text>
              <Button id="appointments-retry" className="secondary-button list-retry" onClick={() => void state.reload()}>
                重试
              </Button>
            </View>
          ) : null}
          {state.items && items.length === 0 ? (
            <View id="appointments-empty" className="card list-error">
              <Text className="muted">暂无预约</Text>
              <Button id="appointments-go-halls" className="primary-button list-retry" onClick={() => void Taro.redirectTo({ url: pages.halls })}>
                去预约
              </Button>
            </View>
          ) : null}
          <View id="appointment-list">
            {items.map((a) => (
              <AppointmentCard
                key={a.id}
                appointment={a}
                highlighted={a.id === highlight}
                busy={state.busy === a.id}
                now={now}
                onShowCode={setShowing}
                onCancel={(x) => void state.cancel(x)}
                onDecline={(x) => void state.decline(x)}
                onReschedule={(x) => void Taro.navigateTo({ url: withQuery(pages.hallBook, { hallId: x.hallId, serviceId: x.serviceId, reschedule: x.id }) })}
                onOpenTicket={(x) => void Taro.navigateTo({ url: withQuery(pages.hallTicket, { id: x.ticketId ?? undefined }) })}
              />
            ))}
          </View>
        </>
      )}
    </PageShell>
  );
}
