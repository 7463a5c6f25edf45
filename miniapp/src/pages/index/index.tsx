import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ElderlyModeEntry } from '../../components/elderly-mode-entry';
import { EntryNotice } from '../../components/entry-notice';
import { ManualCodeEntry } from '../../components/manual-code-entry';
import { PageShell } from '../../components/page-shell';
import { ServiceGrid } from '../../components/service-grid';
import { SessionStatus } from '../../components/session-status';
import { pages } from '../../constants/pages';
import { visibleServices, type ServiceKey } from '../../constants/services';
import { useStore } from '../../hooks/use-store';
import { platform } from '../../platform/platform';
import { openScannedText } from '../../scan-entry/open-entry';
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

export default function IndexPage() {
  const session = useStore(sessionStore);
  const elderly = useStore(elderlyModeStore);
  const [manualEntry, setManualEntry] = useState(false);

  // 扫一扫 routes a code exactly as scanning it with the phone's camera would have opened the app
  // (open-entry.ts): a pharmacy, hall, window or venue opens its page; anything else says why here.
  const scan = async () => {
    const text = await platform.scanCode();
    setManualEntry(text === null);
    if (text !== null) await openScannedText(text);
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
    void openScannedText(code);
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
    </PageShell>
  );
}
