import { Text, View } from '@tarojs/components';
import type { RoleGrant } from '@govpass/shared-types';
import { describeRole } from '../../constants/role-labels';

export function RoleList({ roles }: { roles: readonly RoleGrant[] }) {
  return (
    <View id="profile-roles" className="card">
      <Text className="card-title">我的身份</Text>
      <View className="role-tags">
        {roles.map((grant) => (
          <Text key={`${grant.role}:${grant.scopeId ?? ''}`} className="role-tag">
            {describeRole(grant)}
          </Text>
        ))}
      </View>
    </View>
  );
}
