import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { adminApi } from '../../../api/admin-api';
import { AdminFrame } from '../../components/admin-frame';
import { Pager } from '../../components/pager';
import { useServerPage } from '../../hooks/use-server-page';
import { ledgerLines, RULE_LABELS, type LedgerViolation } from '../../lib/ledger-view';
import { LedgerTable } from './ledger-table';
import './index.scss';

const PAGE_SIZE = 12;

/**
 * 台账核对: does every round × pharmacy add up? The server checks everything, puts the rows that
 * do not first and pages the rows; the violations come whole with every page.
 */
export default function AdminLedgerPage() {
  const [date, setDate] = useState('');
  const [violations, setViolations] = useState<LedgerViolation[]>([]);
  const ledger = useServerPage(async (pickupDate: string, page) => {
    const answer = await adminApi.call('adminLedger', { query: { page, pageSize: PAGE_SIZE, ...(pickupDate ? { pickupDate } : {}) } });
    setViolations(answer.violations);
    return { items: ledgerLines(answer), total: answer.total, page: answer.page, pageSize: answer.pageSize };
  }, '');
  return (
    <AdminFrame section="ledger" title="台账核对">
      <View className="card">
        <View className="adm-toolbar">
          <Input id="ledger-date" className="adm-input adm-search" value={date} placeholder="取货日期 如 2026-12-07" onInput={(e) => setDate(e.detail.value)} />
          <Button id="ledger-apply" className="primary-button adm-button adm-search-button" onClick={() => (date.trim() === ledger.filters ? void ledger.reload() : ledger.apply(date.trim()))}>
            查询
          </Button>
        </View>
        <Text id="ledger-summary" className={violations.length ? 'adm-violation' : 'adm-ok'}>
          {ledger.loading ? '正在核对…' : violations.length ? `发现 ${violations.length} 处不符，已标红` : `共 ${ledger.total} 行，全部相符`}
        </Text>
        {ledger.error ? <Text className="form-error">{ledger.error}</Text> : null}
        <LedgerTable rows={ledger.rows} />
        <Pager id="ledger-pager" page={ledger.page} pages={ledger.pages} total={ledger.total} onPage={ledger.setPage} />
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
