import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
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

const servicePages = {
  healthCode: pages.healthCode,
  verify: pages.healthVerify,
  healthImport: pages.healthImport,
  healthAppeals: pages.healthAppealsAdmin,
  queue: pages.halls,
  hallConsole: pages.hallConsole,
} as const;

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
    else void Taro.navigateTo({ url: servicePages[key] });
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
