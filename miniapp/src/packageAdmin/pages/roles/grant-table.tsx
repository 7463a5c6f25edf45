import { Text } from '@tarojs/components';
import type { RoleGrantRow } from '../../../api/admin-contract';
import { describeRole } from '../../../constants/role-labels';
import { DataTable, type Column } from '../../components/data-table';
import { chinaDateTime } from '../../lib/format';

export function GrantTable({ rows, onRevoke }: { rows: readonly RoleGrantRow[]; onRevoke: (g: RoleGrantRow) => void }) {
  const columns: Column<RoleGrantRow>[] = [
    { key: 'account', title: '账号', grow: 2, render: (g) => <Text>{g.accountId}</Text> },
    { key: 'role', title: '角色', grow: 1.5, render: (g) => <Text>{describeRole(g)}</Text> },
    { key: 'by', title: '授权人', grow: 2, render: (g) => <Text>{g.grantedBy}</Text> },
    { key: 'at', title: '时间', grow: 1.5, render: (g) => <Text>{chinaDateTime(g.grantedAt)}</Text> },
    {
      key: 'revoke',
      title: '操作',
      render: (g) => (
        <Text id={`revoke-${g.accountId}-${g.role}`} className="adm-link adm-link--danger" onClick={() => onRevoke(g)}>
          撤销
        </Text>
      ),
    },
  ];
  return <DataTable id="grant-table" columns={columns} rows={rows} rowKey={(g) => `${g.accountId}:${g.role}:${g.scopeId ?? ''}`} empty="还没有授权记录" />;
}
