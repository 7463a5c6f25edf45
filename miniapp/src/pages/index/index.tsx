import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ElderlyModeEntry } from '../../components/elderly-mode-entry';
import { EntryNotice } from '../../components/entry-notice';
import { ManualCodeEntry } from '../../components/manual-code-entry';
import { PageShell } from '../../components/page-shell';
import { ServiceGrid } from '../../components/service-grid';
import { SessionStatus } from '../../components/session-status';
import { pages, withQuery } from '../../constants/pages';
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
  venueCheckin: pages.venueCheckin,
  myVenues: pages.myVenues,
  venueTrace: pages.venueTrace,
  queue: pages.halls,
  hallConsole: pages.hallConsole,
  hallManage: pages.hallFollowUps,
  adminConsole: pages.adminConsole,
} as const;

/**
 * A scanned venue poster (its URL, or the bare code) opens the check-in page, which reads the code;
 * the shape is checked there with the contract, so the main package carries no venue schema.
 */
function isVenueScan(text: string): boolean {
  return /\/s\/venue\/|^GPV1\./.test(text.trim());
}

export default function IndexPage() {
  const session = useStore(sessionStore);
  const elderly = useStore(elderlyModeStore);
  const [manualEntry, setManualEntry] = useState(false);
  const [scanResult, setScanResult] = useState<string | null>(null);

  const showScan = (text: string) => {
    if (isVenueScan(text)) void Taro.navigateTo({ url: withQuery(pages.venueCheckin, { code: text.trim() }) });
    else setScanResult(text);
  };

  const scan = async () => {
    const text = await platform.scanCode();
    if (text !== null && isVenueScan(text)) {
      showScan(text);
      return;
    }
    setManualEntry(text === null);
    setScanResult(text);
  };

  const onSelect = (key: ServiceKey) => {
    if (key === 'scan') void scan();
    else if (key === 'profile') void Taro.navigateTo({ url: pages.profile });
    else if (key === 'mask') void Taro.navigateTo({ url: pages.maskPharmacies });
    else if (key === 'redeem') void Taro.navigateTo({ url: pages.pharmacyRedeem });
    else if (key === 'posters') void Taro.navigateTo({ url: pages.scanPosters });
    else void Taro.navigateTo({ url: servicePages[key] });
  };

  const onManualCode = (code: string) => {
    setManualEntry(false);
    showScan(code);
  };

  return (
    <PageShell id="page-index">
      <View className="home-header">
        <View className="home-header-row">
          <Text className="home-title">政务通 govpass</Text>
          <ElderlyModeEntry on={elderly} />
        </View>
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
