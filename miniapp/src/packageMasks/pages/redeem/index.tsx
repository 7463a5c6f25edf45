import { useEffect, useRef, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { IdNumberCard } from '../../../components/id-number-card';
import { PageShell } from '../../../components/page-shell';
import { pages } from '../../../constants/pages';
import { useStore } from '../../../hooks/use-store';
import { platform } from '../../../platform/platform';
import { sessionStore } from '../../../store/session';
import { classNames } from '../../../utils/class-names';
import { formatDate } from '../../../utils/china-time';
import { flagAttribute } from '../../../utils/flag-attribute';
import { RedeemResult } from './redeem-result';
import { useRedemption } from './use-redemption';
import './index.scss';

function SummaryCell({ id, value, label }: { id: string; value: number | undefined; label: string }) {
  return (
    <View className="summary-cell">
      <Text id={id} className="summary-number">
        {value ?? '—'}
      </Text>
      <Text className="summary-label">{label}</Text>
    </View>
  );
}

export default function RedeemPage() {
  const session = useStore(sessionStore);
  const grants = (session.user?.roles ?? []).filter((g) => g.role === 'pharmacist');
  const scopes = grants.map((g) => g.scopeId).filter((s): s is string => Boolean(s));
  const [chosen, setChosen] = useState<string | null>(null);
  const pharmacyId = chosen ?? scopes[0];
  const counter = useRedemption(pharmacyId);
  const [code, setCode] = useState('');
  const [manualOpen, setManualOpen] = useState(!platform.canScan);

  const isPharmacist = grants.length > 0;
  const { loadSummary } = counter;
  const hidden = useRef(false);
  // Today's counts: on opening, when the pharmacist switches pharmacy, and when coming back.
  useEffect(() => {
    if (isPharmacist) void loadSummary();
  }, [isPharmacist, loadSummary]);
  useDidHide(() => {
    hidden.current = true;
  });
  useDidShow(() => {
    if (hidden.current && isPharmacist) void loadSummary();
    hidden.current = false;
  });

  if (session.user && !isPharmacist) {
    return (
      <PageShell id="page-pharmacy-redeem" className="page--padded">
        <View id="redeem-forbidden" className="card list-error">
          <Text className="form-error">仅药店核销员可使用此功能</Text>
          <Button id="redeem-go-home" className="secondary-button redeem-gap" onClick={() => void Taro.reLaunch({ url: pages.home })}>
            返回首页
          </Button>
        </View>
      </PageShell>
    );
  }

  const scan = async () => {
    if (!(await counter.scan())) setManualOpen(true);
  };
  const submitCode = async () => {
    if (await counter.redeemCode(code)) setCode('');
  };

  return (
    <PageShell id="page-pharmacy-redeem" className="page--padded">
      <View id="redeem-where" className="redeem-where">
        <Text className="redeem-where-label">核销药店</Text>
        <Text id="redeem-pharmacy-name" className="redeem-where-name">
          {counter.summary?.pharmacyName || pharmacyId || '—'}
        </Text>
      </View>
      {scopes.length > 1 ? (
        <View id="redeem-pharmacies" className="card">
          <Text className="card-title">当前药店</Text>
          <View className="redeem-chips">
            {scopes.map((id) => (
              <Text
                key={id}
                id={`redeem-pharmacy-${id}`}
                className={classNames('chip', id === pharmacyId && 'chip--selected')}
                onClick={() => setChosen(id)}
              >
                {id}
              </Text>
            ))}
          </View>
        </View>
      ) : null}

      {counter.outcome ? (
        <RedeemResult outcome={counter.outcome} onNext={counter.next} />
      ) : (
        <>
          {platform.canScan ? (
            <View id="redeem-scan-card" className="card redeem-scan-card">
              <Button id="redeem-scan" className="primary-button redeem-scan" loading={flagAttribute(counter.busy)} onClick={() => void scan()}>
                扫码核销
              </Button>
              <Text className="muted redeem-gap">扫描居民「我的预约」中的取货码</Text>
              {!manualOpen ? (
                <Text id="redeem-manual-toggle" className="redeem-link" onClick={() => setManualOpen(true)}>
                  无法扫码？手动输入取货码 ›
                </Text>
              ) : null}
            </View>
          ) : null}

          {manualOpen ? (
            <View id="redeem-manual" className="card redeem-manual">
              <Text className="card-title">输入取货码</Text>
              <Text className="muted">
                {platform.canScan ? '请输入居民二维码下方的10位取货码' : '当前环境无法扫码，请输入居民二维码下方的10位取货码'}
              </Text>
              <Input
                id="redeem-manual-input"
                className="redeem-input"
                value={code}
                placeholder="例如 483 129 0755"
                maxlength={512}
                onInput={(e) => {
                  setCode(e.detail.value);
                  counter.clearCodeError();
                }}
              />
              {counter.codeError ? (
                <Text id="redeem-code-error" className="form-error">
                  {counter.codeError}
                </Text>
              ) : null}
              <View className="redeem-actions">
                {platform.canScan ? (
                  <Button id="redeem-manual-close" className="secondary-button redeem-action" onClick={() => setManualOpen(false)}>
                    返回扫码
                  </Button>
                ) : null}
                <Button
                  id="redeem-submit"
                  className={classNames('primary-button redeem-action', !code.trim() && 'button--disabled')}
                  loading={flagAttribute(counter.busy)}
                  disabled={flagAttribute(!code.trim() || counter.busy)}
                  onClick={() => void submitCode()}
                >
                  核销
                </Button>
              </View>
            </View>
          ) : null}

          <IdNumberCard
            idPrefix="redeem"
            title="无手机人员：按身份证号核销"
            hint="核对身份证件后输入，核销其在本药店的待取预约"
            submitLabel="按身份证号核销"
            error={counter.idNumberError}
            busy={counter.busy}
            onSubmit={(idNumber) => counter.redeemIdNumber(idNumber)}
            onEdit={counter.clearIdNumberError}
          />
        </>
      )}

      <View id="redeem-summary" className="card">
        <Text className="card-title">今日概况{counter.summary ? `（${formatDate(counter.summary.date)}）` : ''}</Text>
        {counter.summaryError ? (
          <Text id="redeem-summary-error" className="form-error">
            {counter.summaryError}
          </Text>
        ) : (
          <View className="summary-grid">
            <SummaryCell id="summary-reserved" value={counter.summary?.reserved} label="今日预约" />
            <SummaryCell id="summary-redeemed" value={counter.summary?.redeemed} label="已核销" />
            <SummaryCell id="summary-outstanding" value={counter.summary?.outstanding} label="待领取" />
          </View>
        )}
      </View>
    </PageShell>
  );
}
