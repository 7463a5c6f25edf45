import { Button, Text, View } from '@tarojs/components';
import { roleLabels } from '../../../constants/role-labels';
import { classNames } from '../../../utils/class-names';
import { TextField } from '../../components/text-field';
import { accountLabel, useAccountSearch } from '../../hooks/use-account-search';
import { SCOPED_ROLES, type OperatorRole, type useRoleAdmin } from '../../hooks/use-role-admin';
import { AccountSearch } from './account-search';

const ROLES: readonly OperatorRole[] = ['pharmacist', 'verifier', 'venue_manager', 'window_staff', 'hall_manager', 'health_official', 'admin'];

/** Whom (found by ID number or login, or an account id), which role, and for scoped roles which place. */
export function GrantForm({ admin }: { admin: ReturnType<typeof useRoleAdmin> }) {
  const scoped = SCOPED_ROLES.includes(admin.draft.role);
  const search = useAccountSearch((a) => admin.choose(a.accountId, accountLabel(a)));
  return (
    <View id="grant-form" className="card">
      <Text className="card-title">授予角色</Text>
      <AccountSearch search={search} />
      <View className="adm-toolbar">
        <TextField
          id="grant-account"
          label="账号编号（选择后自动填写）"
          value={admin.draft.accountId}
          placeholder="先在上面查找，或填对方“我的”页上的编号"
          onChange={(v) => {
            search.clearPick();
            admin.set({ accountId: v });
          }}
        />
        {scoped ? <TextField id="grant-scope" label="所属场所编号" value={admin.draft.scopeId} placeholder="如 ph-001" onChange={(v) => admin.set({ scopeId: v })} /> : null}
      </View>
      <View className="adm-actions">
        {ROLES.map((r) => (
          <Text key={r} id={`grant-role-${r}`} className={classNames('chip', admin.draft.role === r && 'chip--selected')} onClick={() => admin.set({ role: r })}>
            {roleLabels[r]}
          </Text>
        ))}
      </View>
      <Button id="grant-submit" className="primary-button adm-button" onClick={admin.askGrant}>
        授权
      </Button>
    </View>
  );
}
