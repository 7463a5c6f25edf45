import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { DELETE_ACCOUNT_PHRASE, type SessionInfo } from '../../api/rights-contract';
import { pages } from '../../constants/pages';
import { classNames } from '../../utils/class-names';
import { useAccountRights, type SignedOutReason } from './use-account-rights';

const CHANNEL_LABELS: Record<SessionInfo['channel'], string> = { weapp: '微信小程序', alipay: '支付宝小程序', h5: '网页' };

function when(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

function SessionRow({ s, onEnd }: { s: SessionInfo; onEnd: (id: string) => void }) {
  return (
    <View className="session-row">
      <View className="profile-switch-text">
        <Text className="profile-value">
          {CHANNEL_LABELS[s.channel]}
          {s.current ? '（本机）' : ''}
        </Text>
        <Text className="muted">登录 {when(s.createdAt)} · 最近使用 {when(s.lastUsedAt)}</Text>
        <Text className="muted">{s.place ?? '位置未知'} · {s.ipMasked}</Text>
      </View>
      {s.current ? null : (
        <Button className="secondary-button session-end" onClick={() => onEnd(s.id)}>
          退出
        </Button>
      )}
    </View>
  );
}

/**
 * 我的 → 账号与隐私: the privacy policy, my data, the sessions with 退出 per device, 退出登录,
 * 退出所有设备, and 注销账号 behind a typed confirmation.
 */
export function AccountRights({ onSignedOut }: { onSignedOut: (reason: SignedOutReason) => void }) {
  const rights = useAccountRights(onSignedOut);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const { reload } = rights;
  useEffect(() => void reload(), [reload]);

  return (
    <>
      <View id="profile-privacy" className="card">
        <Text className="card-title">账号与隐私</Text>
        <View id="profile-privacy-policy" className="profile-row" onClick={() => void Taro.navigateTo({ url: pages.privacy })}>
          <Text className="profile-value">隐私政策</Text>
          <Text className="profile-chevron">›</Text>
        </View>
        <View id="profile-export" className="profile-row" onClick={() => void Taro.navigateTo({ url: pages.myData })}>
          <View className="profile-switch-text">
            <Text className="profile-value">导出我的数据</Text>
            <Text className="muted">查看我们保存的关于您的全部信息</Text>
          </View>
          <Text className="profile-chevron">›</Text>
        </View>
      </View>
      <View id="profile-sessions" className="card">
        <Text className="card-title">登录设备</Text>
        {(rights.sessions ?? []).map((s) => (
          <SessionRow key={s.id} s={s} onEnd={(id) => void rights.endSession(id)} />
        ))}
        <Button id="profile-logout" className="secondary-button profile-action" loading={rights.busy} onClick={() => void rights.logout()}>
          退出登录
        </Button>
        <Button id="profile-logout-all" className="secondary-button profile-action" onClick={() => void rights.logoutEverywhere()}>
          退出所有设备
        </Button>
      </View>
      <View id="profile-delete" className="card">
        <Text className="card-title">注销账号</Text>
        <Text className="muted">注销后：未领取的预约会取消，实名信息、家人和登录记录会删除，无法恢复。以后可以重新登录、重新实名。</Text>
        {confirming ? (
          <>
            <Text className="profile-value delete-prompt">请输入“{DELETE_ACCOUNT_PHRASE}”四个字：</Text>
            <Input id="profile-delete-input" className="delete-input" value={typed} placeholder={DELETE_ACCOUNT_PHRASE} onInput={(e) => setTyped(e.detail.value)} />
            {/* Dimmed (not `disabled`: Taro's H5 marks the attribute either way) until the phrase is typed; the hook checks it again. */}
            <Button id="profile-delete-confirm" className={classNames('danger-button profile-action', typed.trim() !== DELETE_ACCOUNT_PHRASE && 'danger-button--waiting')} loading={rights.busy} onClick={() => void rights.deleteAccount(typed)}>
              确认注销账号
            </Button>
            <Button id="profile-delete-cancel" className="secondary-button profile-action" onClick={() => setConfirming(false)}>
              不注销了
            </Button>
          </>
        ) : (
          <Button id="profile-delete-start" className="secondary-button profile-action danger-text" onClick={() => setConfirming(true)}>
            注销账号
          </Button>
        )}
      </View>
      {rights.error ? (
        <Text id="profile-rights-error" className="form-error profile-rights-error">
          {rights.error}
        </Text>
      ) : null}
    </>
  );
}
