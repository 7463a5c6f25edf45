import { Button, Switch, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { PageShell } from '../../components/page-shell';
import { pages } from '../../constants/pages';
import { useStore } from '../../hooks/use-store';
import { platform } from '../../platform/platform';
import { elderlyModeStore, setElderlyMode } from '../../store/elderly-mode';
import { loadConsent } from '../../store/consent';
import { signInAgain, silentLogin, sessionStore } from '../../store/session';
import { AccountRights } from './account-rights';
import type { SignedOutReason } from './use-account-rights';
import { DevAccountPicker } from './dev-account-picker';
import { IdentityCard } from './identity-card';
import { ProfileHeader } from './profile-header';

import { OperatorEntries } from './operator-entries';
import { RoleList } from './role-list';
import { useMe } from '../../hooks/use-me';
import './index.scss';

export default function ProfilePage() {
  const { me, loading, error, reload } = useMe();
  const elderly = useStore(elderlyModeStore);
  const session = useStore(sessionStore);
  const [signedOut, setSignedOut] = useState<SignedOutReason | null>(null);
  useDidShow(() => {
    if (session.status !== 'signed-out') void reload();
  });

  const loginAgain = async () => {
    await signInAgain().catch(() => undefined);
    setSignedOut(null);
    await reload();
    await loadConsent().catch(() => undefined);
  };

  const switchAccount = async () => {
    await silentLogin().catch(() => undefined);
    await reload();
  };

  return (
    <PageShell id="page-profile">
      {signedOut || session.status === 'signed-out' ? (
        <View id="profile-signed-out" className="card profile-signed-out">
          <Text className="card-title">{signedOut === 'deleted' ? '账号已注销' : '您已退出登录'}</Text>
          <Text className="muted">
            {signedOut === 'deleted' ? '您的实名信息、家人和登录记录已删除，未领取的预约已取消。' : '本机已退出登录。'}
          </Text>
          <Button id="profile-login-again" className="primary-button profile-action" onClick={() => void loginAgain()}>
            重新登录
          </Button>
        </View>
      ) : me ? (
        <>
          <ProfileHeader me={me} />
          <IdentityCard me={me} />
          <View id="profile-family" className="card profile-row" onClick={() => void Taro.navigateTo({ url: pages.family })}>
            <View className="profile-switch-text">
              <Text className="profile-value">家人管理</Text>
              <Text className="muted">为老人、儿童代办事项</Text>
            </View>
            <Text className="profile-chevron">›</Text>
          </View>
          <RoleList roles={me.roles} />
          <OperatorEntries roles={me.roles} />
          <AccountRights onSignedOut={setSignedOut} />
        </>
      ) : (
        <View className="card">
          <Text id={error ? 'profile-error' : 'profile-loading'} className="muted">
            {error ?? (loading ? '加载中…' : '')}
          </Text>
        </View>
      )}
      <View id="elderly-mode" className="card profile-row">
        <View className="profile-switch-text">
          <Text className="profile-value">关怀模式</Text>
          <Text className="muted">字体更大，布局更简洁</Text>
        </View>
        <Switch id="elderly-switch" checked={elderly} color="#1366d6" onChange={(e) => setElderlyMode(e.detail.value)} />
      </View>
      {platform.devAccounts ? <DevAccountPicker switcher={platform.devAccounts} onChosen={() => void switchAccount()} /> : null}
    </PageShell>
  );
}
