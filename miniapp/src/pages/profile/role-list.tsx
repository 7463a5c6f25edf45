import { Text, View } from '@tarojs/components';
import type { RoleGrant } from '@govpass/shared-types';
import { describeRoles } from '../../constants/role-labels';

export function RoleList({ roles }: { roles: readonly RoleGrant[] }) {
  return (
    <View id="profile-roles" className="card">
      <Text className="card-title">我的身份</Text>
      <View className="role-tags">
        {describeRoles(roles).map((label) => (
          <Text key={label} className="role-tag">
            {label}
          </Text>
        ))}
      </View>
    </View>
  );
}
