import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { RoleGrant } from '@govpass/shared-types';
import { pages } from '../../constants/pages';
import { visibleServices, type ServiceKey } from '../../constants/services';

/** Where each staff service opens; only role-bound entries are listed under 工作台. */
const WORK_PAGES: Partial<Record<ServiceKey, string>> = {
  adminConsole: pages.adminConsole,
  redeem: pages.pharmacyRedeem,
  verify: pages.healthVerify,
  healthImport: pages.healthImport,
  healthAppeals: pages.healthAppealsAdmin,
  posters: pages.scanPosters,
  myVenues: pages.myVenues,
  venueTrace: pages.venueTrace,
  hallConsole: pages.hallConsole,
  hallManage: pages.hallFollowUps,
};

/** 工作台: the operator work this account's roles open (管理后台 for administrators); absent for citizens. */
export function OperatorEntries({ roles }: { roles: readonly RoleGrant[] }) {
  const entries = visibleServices(roles).filter((s) => s.roles && WORK_PAGES[s.key]);
  if (entries.length === 0) return null;
  return (
    <View id="profile-work" className="card">
      <Text className="card-title">工作台</Text>
      {entries.map((s) => (
        <View key={s.key} id={`profile-work-${s.key}`} className="profile-row profile-work-row" onClick={() => void Taro.navigateTo({ url: WORK_PAGES[s.key] as string })}>
          <Text className="profile-value">{s.label}</Text>
          <Text className="profile-chevron">›</Text>
        </View>
      ))}
    </View>
  );
}
