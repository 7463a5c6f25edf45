import { useRef } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { PharmacyListItem } from '../../../api/mask-contract';
import { PageShell } from '../../../components/page-shell';
import { pages, withQuery } from '../../../constants/pages';
import { useOnShow } from '../../../hooks/use-on-show';
import { flagAttribute } from '../../../utils/flag-attribute';
import { RoundBanner } from '../../components/round-banner';
import { useCurrentRound } from '../../hooks/use-current-round';
import { DistrictChips } from './district-chips';
import { PharmacyItem } from './pharmacy-item';
import { usePharmacyList } from './use-pharmacy-list';
import './index.scss';

export default function PharmacyListPage() {
  const current = useCurrentRound();
  const list = usePharmacyList();
  const first = useRef(true);

  useOnShow(() => {
    void current.reload();
    // Coming back (from booking, say): the counts have moved on. The first load is the list's own.
    if (!first.current) list.refresh();
    first.current = false;
  });

  const book = (p: PharmacyListItem) => {
    void Taro.navigateTo({ url: withQuery(pages.maskConfirm, { id: p.id, name: p.name, address: p.address }) });
  };

  return (
    <PageShell id="page-mask-pharmacies" className="page--padded">
      <RoundBanner round={current.round} loaded={current.loaded} error={current.error} />
      <View className="mask-links">
        <View id="go-reservations" className="mask-link" onClick={() => void Taro.navigateTo({ url: pages.maskReservations })}>
          <Text className="mask-link-text">我的预约</Text>
        </View>
        <View id="go-family" className="mask-link" onClick={() => void Taro.navigateTo({ url: pages.family })}>
          <Text className="mask-link-text">家人管理</Text>
        </View>
      </View>
      <View className="nearest-row">
        <Text id="pharmacy-nearest" className={list.position ? 'chip chip--selected' : 'chip'} onClick={() => void list.nearest()}>
          {list.position ? '已按离我最近排序' : '离我最近'}
        </Text>
        {list.locateFailed ? (
          <Text id="pharmacy-nearest-failed" className="muted nearest-note">
            没有拿到位置，可按地区查找
          </Text>
        ) : null}
      </View>
      <DistrictChips districts={list.districts} selected={list.district} onChoose={list.chooseDistrict} />
      <View id="pharmacy-list" className="pharmacy-list">
        {list.items.map((p) => (
          <PharmacyItem key={p.id} pharmacy={p} round={current.round} onBook={book} />
        ))}
      </View>
      {list.loading ? (
        <Text id="pharmacy-loading" className="muted list-note">
          加载中…
        </Text>
      ) : null}
      {!list.loading && !list.error && list.items.length === 0 ? (
        <Text id="pharmacy-empty" className="muted list-note">
          {list.district ? `${list.district}暂无药店` : '暂无药店'}
        </Text>
      ) : null}
      {list.error ? (
        <View id="pharmacy-error" className="card list-error">
          <Text className="form-error">{list.error}</Text>
          <Button id="pharmacy-retry" className="secondary-button list-retry" onClick={list.refresh}>
            重试
          </Button>
        </View>
      ) : null}
      {list.nextCursor && !list.loading ? (
        <Button
          id="pharmacy-load-more"
          className="secondary-button load-more"
          loading={flagAttribute(list.loadingMore)}
          disabled={flagAttribute(list.loadingMore)}
          onClick={() => void list.loadMore()}
        >
          加载更多
        </Button>
      ) : null}
      {!list.nextCursor && !list.loading && list.items.length > 0 ? (
        <Text id="pharmacy-end" className="muted list-note">
          已显示全部药店
        </Text>
      ) : null}
    </PageShell>
  );
}
