import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { EntryNotice } from '../../components/entry-notice';
import { ManualCodeEntry } from '../../components/manual-code-entry';
import { PageShell } from '../../components/page-shell';
import { ServiceGrid } from '../../components/service-grid';
import { SessionStatus } from '../../components/session-status';
import { pages } from '../../constants/pages';
import { visibleServices, type ServiceKey } from '../../constants/services';
import { useStore } from '../../hooks/use-store';
import { platform } from '../../platform/platform';
import { elderlyModeStore } from '../../store/elderly-mode';
import { sessionStore, silentLogin } from '../../store/session';
import './index.scss';

const healthPages = {
  healthCode: pages.healthCode,
  verify: pages.healthVerify,
  healthImport: pages.healthImport,
  healthAppeals: pages.healthAppealsAdmin,
} as const;

function comingSoon(): void {
  void Taro.showToast({ title: '即将开放', icon: 'none' });
}

export default function IndexPage() {
  const session = useStore(sessionStore);
  const elderly = useStore(elderlyModeStore);
  const [manualEntry, setManualEntry] = useState(false);
  const [scanResult, setScanResult] = useState<string | null>(null);

  const scan = async () => {
    const text = await platform.scanCode();
    setManualEntry(text === null);
    setScanResult(text);
  };

  const onSelect = (key: ServiceKey) => {
    if (key === 'scan') void scan();
    else if (key === 'profile') void Taro.navigateTo({ url: pages.profile });
    else if (key === 'mask') void Taro.navigateTo({ url: pages.maskPharmacies });
    else if (key === 'redeem') void Taro.navigateTo({ url: pages.pharmacyRedeem });
    else if (key === 'posters') void Taro.navigateTo({ url: pages.scanPosters });
    else if (key in healthPages) void Taro.navigateTo({ url: healthPages[key as keyof typeof healthPages] });
    else comingSoon();
  };

  const onManualCode = (code: string) => {
    setManualEntry(false);
    setScanResult(code);
  };

  return (
    <PageShell id="page-index">
      <View className="home-header">
        <Text className="home-title">政务通 govpass</Text>
        <Text className="home-subtitle">一网通办 · 掌上办事</Text>
      </View>
      <EntryNotice />
      <SessionStatus session={session} onRetry={() => void silentLogin().catch(() => undefined)} />
      <ServiceGrid entries={visibleServices(session.user?.roles)} simple={elderly} onSelect={onSelect} />
      {manualEntry ? <ManualCodeEntry onSubmit={onManualCode} onCancel={() => setManualEntry(false)} /> : null}
      {scanResult ? (
        <View className="card">
          <Text className="card-title">扫描结果</Text>
          <Text id="scan-result" className="scan-result">
            {scanResult}
          </Text>
        </View>
      ) : null}
    </PageShell>
  );
}
