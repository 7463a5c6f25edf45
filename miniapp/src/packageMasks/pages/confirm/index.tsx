import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../components/page-shell';
import { pages, routeParam, withQuery } from '../../../constants/pages';
import { familyMemberLabel } from '../../../constants/relation-labels';
import { useOnShow } from '../../../hooks/use-on-show';
import { classNames } from '../../../utils/class-names';
import { formatDay } from '../../../utils/china-time';
import { flagAttribute } from '../../../utils/flag-attribute';
import { useCurrentRound } from '../../hooks/use-current-round';
import { maskCount } from '../../lib/stock-label';
import { eligibilityNotice } from '../../lib/eligibility-notice';
import { stockLabel } from '../../lib/stock-label';
import { EligibilityCard } from './eligibility-card';
import { useBooking } from './use-booking';
import { useEligibility } from './use-eligibility';
import './index.scss';

interface PersonOptionProps {
  id: string;
  selected: boolean;
  title: string;
  onChoose: () => void;
}

function PersonOption({ id, selected, title, onChoose }: PersonOptionProps) {
  return (
    <View id={id} className={classNames('person-option', selected && 'person-option--selected')} onClick={onChoose}>
      <View className={classNames('person-radio', selected && 'person-radio--on')} />
      <View className="person-text">
        <Text className="person-title">{title}</Text>
      </View>
    </View>
  );
}

export default function ConfirmPage() {
  const { params } = useRouter();
  const pharmacyId = routeParam(params, 'id');
  const name = routeParam(params, 'name');
  const address = routeParam(params, 'address');
  const current = useCurrentRound();
  const booking = useBooking(pharmacyId);
  const eligibility = useEligibility(pharmacyId, booking.personId);

  useOnShow(() => {
    void current.reload();
    // Back from 实名认证 or another booking: the answer may have changed.
    eligibility.reload();
    // Back from 家人管理 or 实名认证: the choices may have changed.
    void booking.loadFamily();
  });

  const round = current.round;
  const lottery = round?.mode === 'lottery';
  const notOpen = round !== null && round.status !== 'open';
  const answer = eligibility.answer;
  const who = booking.family.find((m) => m.personId === booking.personId)?.name ?? null;
  const notice = answer ? eligibilityNotice(answer, who, booking.family.length > 0) : null;
  const blocked = !pharmacyId || notOpen || notice !== null;
  // The eligibility card already says 去实名认证; the family list's refusal would repeat it.
  const showError = booking.error !== null && !(notice?.action === 'identity' && booking.error.code === 'IDENTITY_REQUIRED');
  const nav = (url: string) => void Taro.navigateTo({ url });

  return (
    <PageShell id="page-mask-confirm" className="page--padded confirm-page">
      {/* First on the page: the reason is read before anything else, not found under the fold. */}
      {notice && answer ? (
        <EligibilityCard
          notice={notice}
          answer={answer}
          onVerify={() => nav(pages.identity)}
          onReservations={() => nav(pages.maskReservations)}
          onNearby={(p) => void Taro.redirectTo({ url: withQuery(pages.maskConfirm, { id: p.id, name: p.name, address: p.address }) })}
        />
      ) : null}

      <View id="confirm-summary" className="card">
        <Text className="card-title">预约信息</Text>
        <View className="confirm-row">
          <Text className="confirm-label">药店</Text>
          <View className="confirm-value-block">
            <Text id="confirm-pharmacy-name" className="confirm-value">
              {name || pharmacyId || '未选择药店'}
            </Text>
            {address ? (
              <Text id="confirm-pharmacy-address" className="confirm-sub">
                {address}
              </Text>
            ) : null}
          </View>
        </View>
        <View className="confirm-row">
          <Text className="confirm-label">取货日期</Text>
          <Text id="confirm-pickup-date" className="confirm-value">
            {round ? formatDay(round.pickupDate) : current.loaded ? '—' : '加载中…'}
          </Text>
        </View>
        <View className="confirm-row">
          <Text className="confirm-label">数量</Text>
          <Text id="confirm-quantity" className="confirm-value">
            {round ? `1 份（${maskCount(round.quantityPerPerson)}）` : '—'}
          </Text>
        </View>
        {answer && !lottery && answer.pharmacy.quota > 0 ? (
          <View className="confirm-row">
            <Text className="confirm-label">名额</Text>
            <Text id="confirm-stock" className="confirm-value">
              {stockLabel(answer.pharmacy.remaining, answer.unitsPerBooking)}
            </Text>
          </View>
        ) : null}
        <View className="confirm-row">
          <Text className="confirm-label">方式</Text>
          <Text id="confirm-mode" className="confirm-value">
            {lottery ? '抽签（截止后统一抽签）' : '先到先得'}
          </Text>
        </View>
      </View>

      <View id="confirm-persons" className="card">
        <Text className="card-title">为谁预约</Text>
        <PersonOption id="confirm-person-self" selected={booking.personId === null} title="本人" onChoose={() => booking.choose(null)} />
        {booking.family.map((m) => (
          <PersonOption
            key={m.personId}
            id={`confirm-person-${m.personId}`}
            selected={booking.personId === m.personId}
            title={familyMemberLabel(m)}
            onChoose={() => booking.choose(m.personId)}
          />
        ))}
        <Text id="confirm-manage-family" className="confirm-link" onClick={() => void Taro.navigateTo({ url: pages.family })}>
          {booking.family.length > 0 ? '管理家人 ›' : '为家人预约？先添加家人 ›'}
        </Text>
      </View>

      {notOpen && !notice ? (
        <Text id="confirm-not-open" className="confirm-notice">
          {round?.status === 'upcoming' ? '本轮预约尚未开始，请在开放后提交' : '本轮预约已结束'}
        </Text>
      ) : null}

      {showError && booking.error ? (
        <View id="confirm-error-box" className="card confirm-error-box" data-code={booking.error.code ?? ''}>
          <Text id="confirm-error" className="confirm-error">
            {booking.error.message}
          </Text>
          {booking.error.code === 'IDENTITY_REQUIRED' ? (
            <Button id="confirm-go-identity" className="secondary-button confirm-error-action" onClick={() => void Taro.navigateTo({ url: pages.identity })}>
              去实名认证
            </Button>
          ) : null}
        </View>
      ) : null}

      <View className="confirm-actions">
        <Button
          id="confirm-submit"
          className={classNames('primary-button', blocked && 'button--disabled', notice && 'confirm-submit--refused')}
          loading={flagAttribute(booking.submitting)}
          disabled={flagAttribute(booking.submitting || blocked)}
          onClick={() => void booking.submit()}
        >
          {notice ? notice.buttonLabel : lottery ? '提交抽签申请' : '确认预约'}
        </Button>
      </View>
    </PageShell>
  );
}
