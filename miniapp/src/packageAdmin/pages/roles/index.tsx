import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { describeRole } from '../../../constants/role-labels';
import { AdminFrame } from '../../components/admin-frame';
import { ConfirmPanel } from '../../components/confirm-panel';
import { Pager } from '../../components/pager';
import { useRoleAdmin } from '../../hooks/use-role-admin';
import { GrantForm } from './grant-form';
import { GrantTable } from './grant-table';
import './index.scss';

/** 角色授权: grant and revoke operator roles (each asked once more, each audited by the API). */
export default function AdminRolesPage() {
  const admin = useRoleAdmin();
  const [account, setAccount] = useState('');
  const p = admin.pending;
  return (
    <AdminFrame section="roles" title="角色授权">
      <GrantForm admin={admin} />
      {p ? (
        <View className="card">
          <ConfirmPanel
            id="role-confirm"
            question={`${p.kind === 'grant' ? '授予' : '撤销'}${p.who ? `“${p.who}”的` : `账号 ${p.accountId} 的`}“${describeRole({ role: p.role, scopeId: p.scopeId })}”角色？`}
            detail={p.kind === 'grant' ? '对方将能使用这个角色的全部功能，操作会记入操作日志。' : '对方将立即不能再使用这个角色的功能，操作会记入操作日志。'}
            confirmLabel={p.kind === 'grant' ? '确认授权' : '确认撤销'}
            danger={p.kind === 'revoke'}
            busy={admin.busy}
            onConfirm={() => void admin.confirm()}
            onCancel={admin.cancel}
          />
        </View>
      ) : null}
      {admin.error ? (
        <Text id="role-error" className="form-error card">
          {admin.error}
        </Text>
      ) : null}
      {admin.done ? (
        <Text id="role-done" className="adm-ok card">
          {admin.done}
        </Text>
      ) : null}
      <View className="card">
        <Text className="card-title">已授予的角色</Text>
        <View className="adm-toolbar">
          <Input id="grant-filter" className="adm-input adm-search" value={account} placeholder="按账号编号筛选" onInput={(e) => setAccount(e.detail.value)} />
          <Button id="grant-filter-apply" className="secondary-button adm-button adm-search-button" onClick={() => admin.list.apply({ accountId: account.trim() })}>
            筛选
          </Button>
        </View>
        {admin.list.error ? <Text className="form-error">{admin.list.error}</Text> : null}
        <GrantTable rows={admin.list.rows} onRevoke={admin.askRevoke} />
        <Pager id="grant-pager" page={admin.list.page} pages={admin.list.pages} total={admin.list.total} onPage={admin.list.setPage} />
      </View>
    </AdminFrame>
  );
}
