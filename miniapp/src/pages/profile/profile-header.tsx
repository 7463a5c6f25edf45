import { Text, View } from '@tarojs/components';
import type { MeResponse } from '@govpass/shared-types';
import { describeRoles } from '../../constants/role-labels';
import { classNames } from '../../utils/class-names';

/**
 * Who is signed in, as a person reads it: the masked name (or 未实名用户), 已实名/未实名 and the
 * roles in Chinese. Never the account's id: a UUID tells nobody anything.
 */
export function ProfileHeader({ me }: { me: MeResponse }) {
  const verified = me.verified && me.identity !== null;
  return (
    <View id="profile-header" className="profile-header">
      <Text className="profile-header-title">我的</Text>
      <View className="profile-who">
        <Text id="profile-who-name" className="profile-who-name">
          {me.identity?.name ?? '未实名用户'}
        </Text>
        <Text id="profile-verified" className={classNames('profile-verified', verified ? 'profile-verified--yes' : 'profile-verified--no')}>
          {verified ? '已实名' : '未实名'}
        </Text>
      </View>
      <Text id="profile-who-roles" className="profile-header-sub">
        身份：{describeRoles(me.roles).join('、') || '市民'}
      </Text>
    </View>
  );
}
