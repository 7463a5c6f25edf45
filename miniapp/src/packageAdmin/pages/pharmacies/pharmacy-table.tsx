import { Text } from '@tarojs/components';
import type { Pharmacy } from '../../../api/admin-contract';
import { DataTable, type Column } from '../../components/data-table';

export function PharmacyTable({ rows, onEdit }: { rows: readonly Pharmacy[]; onEdit: (p: Pharmacy) => void }) {
  const columns: Column<Pharmacy>[] = [
    { key: 'id', title: '编号', render: (p) => <Text>{p.id}</Text> },
    { key: 'name', title: '名称', grow: 2, render: (p) => <Text className="adm-pharmacy-name">{p.name}</Text> },
    { key: 'district', title: '区县', render: (p) => <Text>{p.district}</Text> },
    { key: 'address', title: '地址', grow: 2, render: (p) => <Text>{p.address}</Text> },
    { key: 'phone', title: '电话', render: (p) => <Text>{p.phone}</Text> },
    { key: 'hours', title: '营业时间', render: (p) => <Text>{p.openingHours}</Text> },
    {
      key: 'edit',
      title: '操作',
      render: (p) => (
        <Text id={`pharmacy-edit-${p.id}`} className="adm-link" onClick={() => onEdit(p)}>
          编辑
        </Text>
      ),
    },
  ];
  return <DataTable id="pharmacy-table" columns={columns} rows={rows} rowKey={(p) => p.id} empty="没有符合条件的药店" />;
}
