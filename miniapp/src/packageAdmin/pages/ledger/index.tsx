import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { adminApi } from '../../../api/admin-api';
import { AdminFrame } from '../../components/admin-frame';
import { Pager } from '../../components/pager';
import { useClientTable } from '../../hooks/use-client-table';
import { useLoaded } from '../../hooks/use-loaded';
import { ledgerLines, RULE_LABELS, type LedgerLine } from '../../lib/ledger-view';
import { LedgerTable } from './ledger-table';
import './index.scss';

const searchable = (l: LedgerLine) => [l.roundName, l.pharmacyId, l.pickupDate, l.problems.length ? '异常' : '相符'];

/** 台账核对: does every round × pharmacy add up? Rows that do not come first and are red. */
export default function AdminLedgerPage() {
  const [date, setDate] = useState('');
  const [applied, setApplied] = useState('');
  const ledger = useLoaded(() => adminApi.call('adminLedger', { query: applied ? { pickupDate: applied } : {} }), applied);
  const lines = ledger.data ? ledgerLines(ledger.data).sort((a, b) => Number(b.problems.length > 0) - Number(a.problems.length > 0)) : [];
  const table = useClientTable(lines, searchable, 12);
  const violations = ledger.data?.violations ?? [];
  return (
    <AdminFrame section="ledger" title="台账核对">
      <View className="card">
        <View className="adm-toolbar">
          <Input id="ledger-date" className="adm-input adm-search" value={date} placeholder="取货日期 如 2026-12-07" onInput={(e) => setDate(e.detail.value)} />
          <Button id="ledger-apply" className="primary-button adm-button adm-search-button" onClick={() => (date.trim() === applied ? void ledger.reload() : setApplied(date.trim()))}>
            查询
          </Button>
        </View>
        <Text id="ledger-summary" className={violations.length ? 'adm-violation' : 'adm-ok'}>
          {ledger.loading ? '正在核对…' : violations.length ? `发现 ${violations.length} 处不符，已标红` : `共 ${lines.length} 行，全部相符`}
        </Text>
        {ledger.error ? <Text className="form-error">{ledger.error}</Text> : null}
        <LedgerTable rows={table.rows} />
        <Pager id="ledger-pager" page={table.page} pages={table.pages} total={table.total} onPage={table.setPage} />
        {violations.map((v, i) => (
          <Text key={i} className="adm-violation">
            {RULE_LABELS[v.rule]}：轮次 {v.roundId}
            {v.pharmacyId ? ` 药店 ${v.pharmacyId}` : ''} — {v.detail}
          </Text>
        ))}
      </View>
    </AdminFrame>
  );
}
