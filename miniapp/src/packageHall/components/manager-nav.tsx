import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { pages, withQuery } from '../../constants/pages';
import { classNames } from '../../utils/class-names';

const TABS = [
  { key: 'follow-ups', label: '好差评跟进', url: pages.hallFollowUps },
  { key: 'stats', label: '统计', url: pages.hallStats },
  { key: 'eta', label: '等候预估误差', url: pages.hallEta },
  { key: 'slots', label: '预约时段', url: pages.hallSlots },
] as const;

export type ManagerTab = (typeof TABS)[number]['key'];

/** 大厅管理's pages side by side: a tab swaps the page in place (no growing back stack). */
export function ManagerNav({ current, hallId, hallName }: { current: ManagerTab; hallId: string; hallName: string | null }) {
  return (
    <View className="manager-head">
      <Text id="manager-hall" className="manager-hall">
        {hallName ?? '大厅管理'}
      </Text>
      <View id="manager-nav" className="manager-nav">
        {TABS.map((t) => (
          <Text
            key={t.key}
            id={`manager-nav-${t.key}`}
            className={classNames('manager-tab', t.key === current && 'manager-tab--current')}
            onClick={() => t.key !== current && void Taro.redirectTo({ url: withQuery(t.url, { hallId }) })}
          >
            {t.label}
          </Text>
        ))}
      </View>
    </View>
  );
}
