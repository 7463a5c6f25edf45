import { Text } from '@tarojs/components';
import type { MaskRound } from '../../../api/admin-contract';
import { DataTable, type Column } from '../../components/data-table';
import { ROUND_ACTION_LABELS, type RoundAction } from '../../hooks/use-round-action';
import { isEditable } from '../../hooks/use-round-edit';
import { chinaDateTime } from '../../lib/format';

const STATUS = { upcoming: '未开始', open: '预约中', closed: '已结束' } as const;
const MODE = { first_come: '先到先得', lottery: '抽签' } as const;

interface RoundsTableProps {
  rows: readonly MaskRound[];
  onDraw: (id: string) => void;
  onAction: (id: string, action: RoundAction) => void;
  onEdit: (round: MaskRound) => void;
}

/** Rounds, newest first, with what an administrator may still do to each. */
export function RoundsTable({ rows, onDraw, onAction, onEdit }: RoundsTableProps) {
  const columns: Column<MaskRound>[] = [
    { key: 'name', title: '轮次', grow: 1.2, render: (r) => <Text>{r.name}</Text> },
    { key: 'status', title: '状态', render: (r) => <Text className="adm-badge">{r.cancelledAt ? '已取消' : r.closedEarlyAt ? '已提前结束' : STATUS[r.status]}</Text> },
    { key: 'mode', title: '方式', render: (r) => <Text>{MODE[r.mode]}</Text> },
    { key: 'opens', title: '开始', grow: 1.5, render: (r) => <Text>{chinaDateTime(Date.parse(r.opensAt))}</Text> },
    { key: 'closes', title: '结束', grow: 1.5, render: (r) => <Text>{chinaDateTime(Date.parse(r.closesAt))}</Text> },
    { key: 'pickup', title: '取货日', render: (r) => <Text>{r.pickupDate}</Text> },
    { key: 'qty', title: '每份', numeric: true, render: (r) => <Text>{r.quantityPerPerson} 只</Text> },
    {
      key: 'actions',
      title: '操作',
      // Up to three links (修改 · 抽签 · 提前结束 · 取消本轮): room for them side by side at desk width.
      grow: 2,
      render: (r) => (
        <>
          {isEditable(r) ? (
            <Text id={`round-edit-${r.id}`} className="adm-link" onClick={() => onEdit(r)}>
              修改
            </Text>
          ) : null}
          {r.mode === 'lottery' && r.status === 'closed' ? (
            <Text id={`round-draw-${r.id}`} className="adm-link" onClick={() => onDraw(r.id)}>
              抽签
            </Text>
          ) : null}
          <RoundActions round={r} onAction={onAction} />
        </>
      ),
    },
  ];
  return <DataTable id="round-table" columns={columns} rows={rows} rowKey={(r) => r.id} empty="还没有轮次" />;
}

/** Close early (open rounds) and cancel (any round not yet cancelled): each asks for a reason first. */
function RoundActions({ round, onAction }: { round: MaskRound; onAction: (id: string, action: RoundAction) => void }) {
  if (round.cancelledAt) return null;
  return (
    <>
      {round.status === 'open' ? (
        <Text id={`round-close-${round.id}`} className="adm-link" onClick={() => onAction(round.id, 'close')}>
          {ROUND_ACTION_LABELS.close}
        </Text>
      ) : null}
      <Text id={`round-cancel-${round.id}`} className="adm-link adm-link--danger" onClick={() => onAction(round.id, 'cancel')}>
        {ROUND_ACTION_LABELS.cancel}
      </Text>
    </>
  );
}
