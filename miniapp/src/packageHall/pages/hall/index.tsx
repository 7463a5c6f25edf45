import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../components/page-shell';
import { pages, routeParam, withQuery } from '../../../constants/pages';
import { hallGateway } from '../../gateway';
import { HoursList } from '../../components/hours-list';
import { ServiceCard } from '../../components/service-card';
import { useClock } from '../../hooks/use-clock';
import { useLoaded } from '../../hooks/use-loaded';
import { formatDistance } from '../../lib/hall-format';
import './index.scss';

/** One hall: where and when, its services with the materials to bring, and 预约 / 远程取号. */
export default function HallPage() {
  const { params } = useRouter();
  const hallId = routeParam(params, 'id');
  // Opened by scanning the code at the hall's door or a window (docs/scan-entry.md): the person is here.
  const arrived = routeParam(params, 'action') === 'take';
  const hall = useLoaded(() => hallGateway().getHall(hallId));
  const now = useClock();
  const [expanded, setExpanded] = useState<string | null>(null);
  const h = hall.data;

  if (!h) {
    return (
      <PageShell id="page-hall" className="page--padded">
        {hall.error ? (
          <View id="hall-error" className="card list-error">
            <Text className="form-error">{hall.error.message}</Text>
            <Button id="hall-retry" className="secondary-button list-retry" onClick={() => void hall.reload()}>
              重试
            </Button>
          </View>
        ) : (
          <Text className="muted list-note">加载中…</Text>
        )}
      </PageShell>
    );
  }

  const distance = formatDistance(h.distanceM);
  const go = (url: string, serviceId: string) => void Taro.navigateTo({ url: withQuery(url, { hallId: h.id, serviceId }) });
  return (
    <PageShell id="page-hall" className="page--padded">
      <View id="hall-info" className="card">
        <View className="hall-head">
          <Text id="hall-name" className="hall-name hall-name--big">
            {h.name}
          </Text>
          {h.openNow === null ? null : (
            <Text className={`status-pill status-pill--${h.openNow ? 'green' : 'grey'}`}>{h.openNow ? '办公中' : '已下班'}</Text>
          )}
        </View>
        <Text id="hall-address" className="hall-address">
          地址：{h.address}
          {distance ? `（距您 ${distance}）` : ''}
        </Text>
        <Text className="card-subtitle">办公时间</Text>
        <HoursList hours={h.hours} now={now} />
      </View>
      {arrived ? (
        <View id="hall-arrival" className="card hall-arrival">
          <Text>欢迎来到{h.name}。请在下面找到您要办的事，点「远程取号」排队；也可以到咨询台请工作人员扫您的个人码取号。</Text>
        </View>
      ) : null}
      <Text className="section-title">可办理的事项</Text>
      {h.services.map((s) => (
        <ServiceCard
          key={s.id}
          service={s}
          canTakeRemote={h.remoteTickets}
          expanded={expanded === s.id}
          onToggle={() => setExpanded((e) => (e === s.id ? null : s.id))}
          onBook={() => go(pages.hallBook, s.id)}
          onTake={() => go(pages.hallTake, s.id)}
        />
      ))}
    </PageShell>
  );
}
