import { Text, View } from '@tarojs/components';
import { adminApi } from '../../../api/admin-api';
import { AdminFrame } from '../../components/admin-frame';
import { ConfirmPanel } from '../../components/confirm-panel';
import { Pager } from '../../components/pager';
import { StepProgress } from '../../components/step-progress';
import { useAllPharmacies } from '../../hooks/use-pharmacies';
import { useServerPage } from '../../hooks/use-server-page';
import { ROUND_ACTION_LABELS, useRoundAction } from '../../hooks/use-round-action';
import { useRoundDraw } from '../../hooks/use-round-draw';
import { useRoundEdit } from '../../hooks/use-round-edit';
import { useRoundForm } from '../../hooks/use-round-form';
import type { MaskRound } from '../../../api/admin-contract';
import { RoundActionPanel } from './round-action-panel';
import { RoundEditPanel } from './round-edit-panel';
import { RoundForm } from './round-form';
import { RoundsTable } from './rounds-table';
import './index.scss';

/** 轮次与配额: the rounds (edit before opening, close, cancel, draw), and a new round with its quotas. */
export default function AdminRoundsPage() {
  const rounds = useServerPage<MaskRound, null>((_, page) => adminApi.call('adminListRounds', { query: { page, pageSize: 10 } }), null);
  const pharmacies = useAllPharmacies();
  const draw = useRoundDraw(() => void rounds.reload());
  const form = useRoundForm(() => void rounds.reload());
  const action = useRoundAction(() => void rounds.reload());
  const edit = useRoundEdit(() => void rounds.reload());
  const acting = rounds.rows.find((x) => x.id === action.asking?.roundId);
  const asked = rounds.rows.find((r) => r.id === draw.asking);
  const r = draw.result;
  return (
    <AdminFrame section="rounds" title="轮次与配额">
      <View className="card">
        {rounds.error ? <Text className="form-error">{rounds.error}</Text> : null}
        <RoundsTable rows={rounds.rows} onDraw={draw.ask} onAction={action.ask} onEdit={edit.start} />
        <RoundEditPanel edit={edit} />
        {edit.saved ? (
          <Text id="round-edit-saved" className="adm-ok">
            {edit.saved}
          </Text>
        ) : null}
        {acting && action.asking ? <RoundActionPanel round={acting} label={ROUND_ACTION_LABELS[action.asking.action]} action={action} /> : null}
        {action.outcome ? (
          <Text id="round-action-outcome" className="muted">
            {action.outcome}
          </Text>
        ) : null}
        <Pager id="round-pager" page={rounds.page} pages={rounds.pages} total={rounds.total} onPage={rounds.setPage} />
        {asked ? (
          <ConfirmPanel
            id="draw-confirm"
            question={`现在为“${asked.name}”抽签吗？`}
            detail="抽签前先公布随机种子，任何人都可据此复算结果；每轮只能抽一次。"
            confirmLabel="开始抽签"
            busy={draw.busy}
            onConfirm={() => void draw.draw()}
            onCancel={draw.cancel}
          />
        ) : null}
        {draw.progress ? (
          <StepProgress
            id="draw-progress"
            progress={draw.progress}
            note={r ? `共 ${r.applications} 人申请：中签 ${r.winners}，未中 ${r.losers}，因已在别处预约未参加 ${r.ineligible}；种子 ${r.seed}` : (draw.error ?? '正在抽签…')}
          />
        ) : null}
      </View>
      <RoundForm form={form} pharmacies={pharmacies.all} />
    </AdminFrame>
  );
}
