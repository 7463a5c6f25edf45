import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/page-shell';
import { chinaDateOf, formatDate } from '../../../utils/china-time';
import { classNames } from '../../../utils/class-names';
import { BarChart } from '../../components/bar-chart';
import { ChipChoice } from '../../components/chip-choice';
import { ManagerCard, NoManagedHall } from '../../components/manager-gate';
import { ManagerNav } from '../../components/manager-nav';
import { hallManagerGateway } from '../../gateway';
import { useClock } from '../../hooks/use-clock';
import { useLoaded } from '../../hooks/use-loaded';
import { useManagedHall } from '../../hooks/use-managed-hall';
import { barsOf, STATS_METRICS, type StatsMetric } from '../../lib/manager-figures';
import './index.scss';

const RANGES = [
  { value: '1', label: '今天' },
  { value: '7', label: '近7天' },
  { value: '30', label: '近30天' },
] as const;
type Range = (typeof RANGES)[number]['value'];
const DAY_MS = 86_400_000;

/** 统计: per service and per window, the chosen figure as bars; the follow-ups open and overdue. */
export default function StatsPage() {
  const { hallId, hallName, signedIn } = useManagedHall();
  const [range, setRange] = useState<Range>('7');
  const [metric, setMetric] = useState<StatsMetric>('served');
  const now = useClock(60_000);
  const to = chinaDateOf(now);
  const from = chinaDateOf(now - (Number(range) - 1) * DAY_MS);
  const stats = useLoaded(() => (hallId ? hallManagerGateway().stats(hallId, from, to) : Promise.resolve(null)));
  const { reload } = stats;
  // Also when the session arrives after the first paint (H5 login), which names the hall.
  useEffect(() => {
    void reload();
  }, [hallId, range, reload]);

  if (signedIn && !hallId) return <NoManagedHall id="page-hall-stats" />;
  const s = stats.data;
  const served = s ? s.services.reduce((n, r) => n + r.served, 0) : 0;
  const services = s ? barsOf(s.services, metric) : null;
  const windows = s ? barsOf(s.windows, metric) : null;

  return (
    <PageShell id="page-hall-stats">
      <ManagerNav current="stats" hallId={hallId ?? ''} hallName={hallName} />
      <View className="card">
        <ChipChoice id="stats-range" options={RANGES} selected={[range]} onToggle={setRange} />
        <Text className="muted">{from === to ? formatDate(to) : `${formatDate(from)} 至 ${formatDate(to)}`}</Text>
        {s ? (
          <View id="stats-summary" className="manager-summary console-gap">
            <View className="manager-figure">
              <Text className="manager-figure-value">{served}</Text>
              <Text className="muted">办结人数</Text>
            </View>
            <View className="manager-figure">
              <Text className="manager-figure-value">{s.followUps.open}</Text>
              <Text className="muted">待回访差评</Text>
            </View>
            <View className="manager-figure">
              <Text className={classNames('manager-figure-value', s.followUps.overdue > 0 && 'manager-figure-value--warn')}>{s.followUps.overdue}</Text>
              <Text className="muted">已超期</Text>
            </View>
          </View>
        ) : null}
      </View>
      {stats.error ? <Text className="form-error console-error">{stats.error.message}</Text> : null}
      <View className="card">
        <Text className="card-subtitle">看哪一项</Text>
        <ChipChoice id="stats-metric" options={STATS_METRICS} selected={[metric]} onToggle={setMetric} />
      </View>
      {services ? (
        <ManagerCard id="stats-services" title="按事项">
          <BarChart id="stats-services-bars" bars={services.bars} max={services.max} />
        </ManagerCard>
      ) : null}
      {windows ? (
        <ManagerCard id="stats-windows" title="按窗口">
          <BarChart id="stats-windows-bars" bars={windows.bars} max={windows.max} />
        </ManagerCard>
      ) : null}
    </PageShell>
  );
}
