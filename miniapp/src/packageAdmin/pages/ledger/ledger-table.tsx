import { Text } from '@tarojs/components';
import { DataTable, type Column } from '../../components/data-table';
import { RULE_LABELS, type LedgerLine } from '../../lib/ledger-view';

const n = (v: number) => <Text>{v}</Text>;

/** Per round × pharmacy: quota, rolled in, reserved, redeemed, expired (rolled on), remaining; a row that does not add up is red. */
export function LedgerTable({ rows }: { rows: readonly LedgerLine[] }) {
  const columns: Column<LedgerLine>[] = [
    { key: 'round', title: '轮次', grow: 1.5, render: (r) => <Text>{r.roundName}</Text> },
    { key: 'pickup', title: '取货日', grow: 1.3, render: (r) => <Text>{r.pickupDate}</Text> },
    { key: 'pharmacy', title: '药店', render: (r) => <Text>{r.pharmacyId}</Text> },
    { key: 'quota', title: '配额', numeric: true, render: (r) => n(r.quota) },
    { key: 'rolledIn', title: '转入', numeric: true, render: (r) => n(r.rolledIn) },
    { key: 'reserved', title: '已预约', numeric: true, render: (r) => n(r.reserved) },
    { key: 'redeemed', title: '已领取', numeric: true, render: (r) => n(r.redeemed) },
    { key: 'expired', title: '过期转出', numeric: true, render: (r) => n(r.expired) },
    // Units nobody booked, passed on to the next round when this one expired.
    { key: 'unbookedOut', title: '未约转出', numeric: true, render: (r) => n(r.unbookedOut) },
    { key: 'remaining', title: '剩余', numeric: true, render: (r) => n(r.remaining) },
    {
      key: 'check',
      title: '核对',
      grow: 1.5,
      render: (r) =>
        r.problems.length === 0 ? (
          <Text className="adm-badge">相符</Text>
        ) : (
          <Text className="adm-badge adm-badge--bad">{[...new Set(r.problems.map((p) => RULE_LABELS[p.rule]))].join('；')}</Text>
        ),
    },
  ];
  return <DataTable id="ledger-table" columns={columns} rows={rows} rowKey={(r) => r.key} flagged={(r) => r.problems.length > 0} empty="没有台账记录" />;
}
