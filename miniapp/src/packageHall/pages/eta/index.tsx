import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/page-shell';
import { BarChart } from '../../components/bar-chart';
import { ChipChoice } from '../../components/chip-choice';
import { ManagerCard, NoManagedHall } from '../../components/manager-gate';
import { ManagerNav } from '../../components/manager-nav';
import { hallManagerGateway } from '../../gateway';
import { useLoaded } from '../../hooks/use-loaded';
import { useManagedHall } from '../../hooks/use-managed-hall';
import { minutesText, percentText } from '../../lib/manager-figures';
import './index.scss';

const DAYS = [
  { value: '7', label: '近7天' },
  { value: '30', label: '近30天' },
  { value: '90', label: '近90天' },
] as const;
type Days = (typeof DAYS)[number]['value'];
/** Under this share of people called within the "at worst" time the estimate is drawn red. */
const COVERAGE_WARN = 0.8;

/** ETA 误差: how far the waits told to people were from when they were actually called, per service. */
export default function EtaPage() {
  const { hallId, hallName, signedIn } = useManagedHall();
  const [days, setDays] = useState<Days>('7');
  const rows = useLoaded(() => (hallId ? hallManagerGateway().etaError(hallId, Number(days)) : Promise.resolve([])));
  const { reload } = rows;
  // Also when the session arrives after the first paint (H5 login), which names the hall.
  useEffect(() => {
    void reload();
  }, [hallId, days, reload]);

  if (signedIn && !hallId) return <NoManagedHall id="page-hall-eta" />;
  const items = rows.data ?? [];
  const measured = items.filter((r) => r.samples > 0);

  return (
    <PageShell id="page-hall-eta">
      <ManagerNav current="eta" hallId={hallId ?? ''} hallName={hallName} />
      <View className="card">
        <Text className="muted">取号时告诉群众“大约等多久”，这里对比实际叫号时间，看预估准不准。</Text>
        <ChipChoice id="eta-days" options={DAYS} selected={[days]} onToggle={setDays} />
      </View>
      {rows.error ? <Text className="form-error console-error">{rows.error.message}</Text> : null}
      {!rows.loading && measured.length === 0 && !rows.error ? (
        <View id="eta-empty" className="card">
          <Text className="muted">这段时间还没有叫过号，暂无数据</Text>
        </View>
      ) : null}
      {measured.length > 0 ? (
        <>
          <ManagerCard id="eta-mean" title="平均差多少（越短越准）">
            <BarChart id="eta-mean-bars" bars={measured.map((r) => ({ key: r.serviceId, label: r.serviceName, value: r.meanAbsErrorMin, text: minutesText(r.meanAbsErrorMin) }))} />
          </ManagerCard>
          <ManagerCard id="eta-p90" title="十个人里最差的一个差多少">
            <BarChart id="eta-p90-bars" bars={measured.map((r) => ({ key: r.serviceId, label: r.serviceName, value: r.p90AbsErrorMin, text: minutesText(r.p90AbsErrorMin) }))} />
          </ManagerCard>
          <ManagerCard id="eta-coverage" title="在“最多等”时间内被叫到的比例（越高越好）">
            <BarChart
              id="eta-coverage-bars"
              max={1}
              bars={measured.map((r) => ({ key: r.serviceId, label: r.serviceName, value: r.withinP90Share, text: percentText(r.withinP90Share), warn: r.withinP90Share < COVERAGE_WARN }))}
            />
            <Text className="muted">{measured.map((r) => `${r.serviceName} ${r.samples} 人`).join('，')}</Text>
          </ManagerCard>
        </>
      ) : null}
    </PageShell>
  );
}
