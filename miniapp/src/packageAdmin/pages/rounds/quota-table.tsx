import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Pharmacy } from '../../../api/admin-contract';
import { DataTable, type Column } from '../../components/data-table';
import { Pager } from '../../components/pager';
import { useClientTable } from '../../hooks/use-client-table';

interface QuotaTableProps {
  pharmacies: readonly Pharmacy[];
  quotas: Record<string, string>;
  onQuota: (pharmacyId: string, value: string) => void;
  onFillAll: (ids: readonly string[], value: string) => void;
}

const searchable = (p: Pharmacy) => [p.id, p.name, p.district];

/** Units per pharmacy for the new round: typed one by one, or one number for all the pharmacies found. */
export function QuotaTable({ pharmacies, quotas, onQuota, onFillAll }: QuotaTableProps) {
  const table = useClientTable(pharmacies, searchable, 8);
  const [all, setAll] = useState('');
  const columns: Column<Pharmacy>[] = [
    { key: 'name', title: '药店', grow: 2, render: (p) => <Text>{`${p.name}（${p.id}）`}</Text> },
    { key: 'district', title: '区县', render: (p) => <Text>{p.district}</Text> },
    {
      key: 'quota',
      title: '配额（份）',
      render: (p) => <Input id={`quota-${p.id}`} className="adm-input adm-quota-input" type="number" value={quotas[p.id] ?? ''} placeholder="0" onInput={(e) => onQuota(p.id, e.detail.value)} />,
    },
  ];
  return (
    <View id="quota-table">
      <View className="adm-toolbar">
        <Input id="quota-search" className="adm-input adm-search" value={table.query} placeholder="搜索药店" onInput={(e) => table.setQuery(e.detail.value)} />
        <Input id="quota-all" className="adm-input adm-quota-input" type="number" value={all} placeholder="每家份数" onInput={(e) => setAll(e.detail.value)} />
        <Text id="quota-fill" className="adm-link adm-fill" onClick={() => onFillAll(table.matching.map((p) => p.id), all)}>
          填入找到的 {table.matching.length} 家
        </Text>
      </View>
      <DataTable id="quota-rows" columns={columns} rows={table.rows} rowKey={(p) => p.id} empty="没有药店" />
      <Pager id="quota-pager" page={table.page} pages={table.pages} total={table.total} onPage={table.setPage} />
    </View>
  );
}
