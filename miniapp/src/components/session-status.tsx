import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { userMessage } from '../api/error-messages';
import { describeRoles } from '../constants/role-labels';
import type { SessionState } from '../store/session';
import './session-status.scss';

interface SessionStatusProps {
  session: SessionState;
  onRetry: () => void;
}

const IDENTITY_PAGE = '/pages/identity/index';


/** The home page's verification status: logging in, login failed, 未实名 banner, or 已实名. */
export function SessionStatus({ session, onRetry }: SessionStatusProps) {
  if (session.status === 'failed' && !session.user) {
    return (
      <View id="session-error" className="status-card status-card--error">
        <Text className="status-text">登录失败：{userMessage(session.error)}</Text>
        <Button id="session-retry" className="secondary-button status-action" onClick={onRetry}>
          重试
        </Button>
      </View>
    );
  }
  if (!session.user) {
    return (
      <View id="session-loading" className="status-card">
        <Text className="status-text muted">正在登录…</Text>
      </View>
    );
  }
  const operatorRoles = describeRoles(session.user.roles.filter((g) => g.role !== 'citizen'));
  if (!session.user.verified && operatorRoles.length > 0) {
    // Operator work needs the role, not a real-name identity: no nag (citizen services still ask when used).
    return (
      <View id="operator-status" className="status-card status-card--ok">
        <View className="status-body">
          <Text className="status-title">工作人员：{operatorRoles.join('、')}</Text>
          <Text className="status-text">可直接使用下方的工作功能</Text>
        </View>
      </View>
    );
  }
  if (!session.user.verified) {
    return (
      <View id="verify-banner" className="status-card status-card--warning" onClick={() => void Taro.navigateTo({ url: IDENTITY_PAGE })}>
        <View className="status-body">
          <Text className="status-title">未实名</Text>
          <Text className="status-text">完成实名认证后即可办理各项服务</Text>
        </View>
        <Text id="verify-banner-link" className="status-link">去实名认证 ›</Text>
      </View>
    );
  }
  return (
    <View id="verify-status" className="status-card status-card--ok">
      <View className="status-body">
        <Text className="status-title">已实名认证</Text>
        <Text className="status-text">可办理全部服务</Text>
      </View>
    </View>
  );
}
