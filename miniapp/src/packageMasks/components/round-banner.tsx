import { Text, View } from '@tarojs/components';
import type { MaskRound } from '../../api/mask-contract';
import { classNames } from '../../utils/class-names';
import { formatDay, formatInstant } from '../../utils/china-time';
import { roundStatusLabels } from '../lib/mask-format';
import { maskCount } from '../lib/stock-label';
import './round-banner.scss';

interface RoundBannerProps {
  round: MaskRound | null;
  loaded: boolean;
  error: string | null;
}

export const LOTTERY_NOTE = '本轮为抽签模式：预约期内提交申请即可，无需抢先；截止后统一抽签，中签结果可在「我的预约」查看，中签后凭取货码到店领取。';

function timing(round: MaskRound): string {
  if (round.status === 'upcoming') return `开放时间：${formatInstant(round.opensAt)}`;
  if (round.status === 'open') return `截止时间：${formatInstant(round.closesAt)}`;
  if (round.closedEarlyAt) return `本轮预约已于${formatInstant(round.closedEarlyAt)}提前结束${round.reason ? `（${round.reason}）` : ''}，已约到的照常领取`;
  return '本轮预约已结束，请关注下一轮';
}

/** The current round: 未开始 (with its opening time) / 预约中 / 已结束, pickup day, and the lottery rules. */
export function RoundBanner({ round, loaded, error }: RoundBannerProps) {
  if (!round) {
    return (
      <View id="round-banner" className="card round-banner round-banner--none">
        <Text id="round-status" className="round-status">
          {error ?? (loaded ? '暂无预约轮次' : '加载中…')}
        </Text>
        {loaded && !error ? <Text className="muted">请关注后续通知</Text> : null}
      </View>
    );
  }
  return (
    <View id="round-banner" className={classNames('card round-banner', `round-banner--${round.status}`)} data-status={round.status}>
      <View className="round-head">
        <Text id="round-status" className={classNames('round-status', `round-status--${round.status}`)}>
          {roundStatusLabels[round.status]}
        </Text>
        <Text id="round-name" className="round-name">
          {round.name}
        </Text>
      </View>
      <Text id="round-timing" className="round-line">
        {timing(round)}
      </Text>
      <Text id="round-pickup" className="round-line">
        取货日期：{formatDay(round.pickupDate)}
      </Text>
      <Text id="round-quantity" className="round-line">
        每人限约：1 份（{maskCount(round.quantityPerPerson)}）{round.mode === 'lottery' ? '（抽签）' : '（先到先得）'}
      </Text>
      {round.mode === 'lottery' ? (
        <Text id="round-lottery-note" className="round-note">
          {LOTTERY_NOTE}
        </Text>
      ) : null}
    </View>
  );
}
