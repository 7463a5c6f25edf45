import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { MeResponse } from '@govpass/shared-types';

const IDENTITY_PAGE = '/pages/identity/index';

export function IdentityCard({ me }: { me: MeResponse }) {
  if (!me.identity) {
    return (
      <View id="profile-identity" className="card">
        <Text className="card-title">实名信息</Text>
        <Text id="profile-unverified" className="muted">未实名认证</Text>
        <Button
          id="profile-go-verify"
          className="primary-button profile-action"
          onClick={() => void Taro.navigateTo({ url: IDENTITY_PAGE })}
        >
          去实名认证
        </Button>
      </View>
    );
  }
  return (
    <View id="profile-identity" className="card">
      <Text className="card-title">实名信息</Text>
      <View className="profile-row">
        <Text className="profile-label">姓名</Text>
        <Text id="profile-name" className="profile-value">{me.identity.name}</Text>
      </View>
      <View className="profile-row">
        <Text className="profile-label">身份证号</Text>
        <Text id="profile-id-number" className="profile-value">{me.identity.idNumber}</Text>
      </View>
    </View>
  );
}
