import { Text } from '@tarojs/components';
import type { MaskRound } from '../../../api/admin-contract';
import { DataTable, type Column } from '../../components/data-table';
import { chinaDateTime } from '../../lib/format';

const STATUS = { upcoming: '未开始', open: '预约中', closed: '已结束' } as const;
const MODE = { first_come: '先到先得', lottery: '抽签' } as const;

/**
 * Rounds, newest first. The actions column is where editing before opening, closing early and
 * cancelling go once their endpoints are on main (helper "rounds", issue 12): see RoundLifecycleSlot.
 */
export function RoundsTable({ rows, onDraw }: { rows: readonly MaskRound[]; onDraw: (id: string) => void }) {
  const columns: Column<MaskRound>[] = [
    { key: 'name', title: '轮次', grow: 2, render: (r) => <Text>{r.name}</Text> },
    { key: 'status', title: '状态', render: (r) => <Text className="adm-badge">{STATUS[r.status]}</Text> },
    { key: 'mode', title: '方式', render: (r) => <Text>{MODE[r.mode]}</Text> },
    { key: 'opens', title: '开始', grow: 1.5, render: (r) => <Text>{chinaDateTime(Date.parse(r.opensAt))}</Text> },
    { key: 'closes', title: '结束', grow: 1.5, render: (r) => <Text>{chinaDateTime(Date.parse(r.closesAt))}</Text> },
    { key: 'pickup', title: '取货日', render: (r) => <Text>{r.pickupDate}</Text> },
    { key: 'qty', title: '每份', numeric: true, render: (r) => <Text>{r.quantityPerPerson} 只</Text> },
    {
      key: 'actions',
      title: '操作',
      render: (r) => (
        <>
          {r.mode === 'lottery' && r.status === 'closed' ? (
            <Text id={`round-draw-${r.id}`} className="adm-link" onClick={() => onDraw(r.id)}>
              抽签
            </Text>
          ) : null}
          <RoundLifecycleSlot round={r} />
        </>
      ),
    },
  ];
  return <DataTable id="round-table" columns={columns} rows={rows} rowKey={(r) => r.id} empty="还没有轮次" />;
}

/**
 * PLACEHOLDER (issue 12, "Rounds and the lottery"): edit before opening, close early and cancel
 * with a reason arrive as BFF endpoints from helper "rounds". Add their links here, each behind a
 * ConfirmPanel like the draw, once the routes exist in shared-types.
 */
function RoundLifecycleSlot(_: { round: MaskRound }) {
  return null;
}
