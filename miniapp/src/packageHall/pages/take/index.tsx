import { useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { isApiError } from '../../../api/api-error';
import { userMessage } from '../../../api/error-messages';
import { IntentKeys } from '../../../api/idempotency-key';
import { PageShell } from '../../../components/page-shell';
import { pages, routeParam, withQuery } from '../../../constants/pages';
import { platform } from '../../../platform/platform';
import { flagAttribute } from '../../../utils/flag-attribute';
import { hallGateway } from '../../gateway';
import { MaterialsChecklist } from '../../components/materials-checklist';
import { useLoaded } from '../../hooks/use-loaded';
import { minutesText } from '../../lib/hall-format';
import './index.scss';

/** 远程取号: a number from the phone when near the hall and it is open; then 我的排队. */
export default function TakePage() {
  const { params } = useRouter();
  const hallId = routeParam(params, 'hallId');
  const serviceId = routeParam(params, 'serviceId');
  const hall = useLoaded(() => hallGateway().getHall(hallId));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keys = useRef(new IntentKeys());
  const service = hall.data?.services.find((s) => s.id === serviceId) ?? null;

  const take = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    // Asked in the tap (both platforms require it): "your turn is near" and "please go to window 3".
    void platform.requestSubscribe(['hall_called', 'hall_turn_near']).catch(() => undefined);
    try {
      const position = await platform.getLocation();
      const ticket = await hallGateway().takeTicket({ hallId, serviceId, position }, keys.current.keyFor(`${hallId}|${serviceId}`));
      keys.current.settle();
      await Taro.redirectTo({ url: withQuery(pages.hallTicket, { id: ticket.id }) });
    } catch (e) {
      if (isApiError(e) && e.status > 0 && e.status < 500) keys.current.settle();
      setError(userMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell id="page-hall-take" className="page--padded">
      <View className="card">
        <Text id="take-service" className="card-title">
          {service?.name ?? '加载中…'}
        </Text>
        <Text className="muted">{hall.data?.name}</Text>
        {service ? (
          <Text id="take-waiting" className="take-waiting">
            现在有 <Text className="take-waiting-count">{service.waiting ?? '—'}</Text> 人在等
            {service.durationMin ? `，每人约${minutesText(service.durationMin)}` : ''}
          </Text>
        ) : null}
      </View>
      <View className="card">
        <Text className="card-title">取号须知</Text>
        <Text className="muted">· 大厅办公时间内才能取号，离大厅太远不能取号</Text>
        <Text className="muted">· 过号未到要重新取号，请留意手机上的排队进度</Text>
      </View>
      {service ? (
        <View className="card">
          <Text className="card-title">请带好这些材料</Text>
          <MaterialsChecklist id="take-materials" materials={service.materials} />
        </View>
      ) : null}
      {error ? (
        <View id="take-error-box" className="card">
          <Text id="take-error" className="form-error">
            {error}
          </Text>
        </View>
      ) : null}
      <View className="page-actions">
        <Button id="take-submit" className="primary-button" loading={flagAttribute(busy)} disabled={flagAttribute(busy || !service)} onClick={() => void take()}>
          确认取号
        </Button>
      </View>
    </PageShell>
  );
}
