import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../components/page-shell';
import { routeParam } from '../../../constants/pages';
import { formatDate } from '../../../utils/china-time';
import { CountFigures } from '../../components/count-figures';
import { HourChart } from '../../components/hour-chart';
import { busiestHour, hourBars } from '../../lib/hourly-bars';
import { useVenueCounts } from './use-venue-counts';
import './index.scss';

/** 到访统计: how many came today, by hour and just now — numbers only, never who. */
export default function VenueCountsPage() {
  const id = routeParam(useRouter().params, 'id');
  const counts = useVenueCounts(id);
  const data = counts.data;
  const bars = data ? hourBars(data.byHour) : [];

  return (
    <PageShell id="page-venue-counts" className="page--padded">
      {counts.error ? (
        <View id="counts-error" className="card list-error">
          <Text className="form-error">{counts.error.message}</Text>
        </View>
      ) : null}
      {data ? (
        <>
          <View className="card">
            <Text className="card-title">{formatDate(data.date)} 到访统计</Text>
            <CountFigures today={data.today} now={data.now} nowWindowMinutes={data.nowWindowMinutes} busiestHour={busiestHour(bars)} />
          </View>
          <View className="card">
            <Text className="card-title">各时段到访人次</Text>
            <HourChart bars={bars} />
            <Text className="muted venue-gap">为保护隐私，这里只显示人数，不显示到访人员的身份。每分钟自动更新。</Text>
          </View>
        </>
      ) : !counts.error ? (
        <Text id="counts-loading" className="muted list-note">
          正在加载…
        </Text>
      ) : null}
    </PageShell>
  );
}
