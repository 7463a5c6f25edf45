import { Text } from '@tarojs/components';
import type { AuditEntryView } from '../../../api/admin-contract';
import { DataTable, type Column } from '../../components/data-table';
import { actionLabel, detailSummary } from '../../lib/audit-labels';
import { chinaDateTime } from '../../lib/format';

export function AuditTable({ rows }: { rows: readonly AuditEntryView[] }) {
  const columns: Column<AuditEntryView>[] = [
    { key: 'at', title: '时间', grow: 1.2, render: (e) => <Text>{chinaDateTime(e.at)}</Text> },
    { key: 'actor', title: '操作人', grow: 1.8, render: (e) => <Text>{e.actor}</Text> },
    { key: 'action', title: '操作', grow: 1.2, render: (e) => <Text className="adm-audit-action">{actionLabel(e.action)}</Text> },
    { key: 'target', title: '对象', grow: 1.8, render: (e) => <Text>{`${e.targetType} ${e.targetId}`}</Text> },
    { key: 'details', title: '详情', grow: 2, render: (e) => <Text className="muted">{detailSummary(e)}</Text> },
  ];
  return <DataTable id="audit-table" columns={columns} rows={rows} rowKey={(e) => String(e.id)} empty="没有符合条件的记录" />;
}
