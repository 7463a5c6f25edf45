import { Button, Text, View } from '@tarojs/components';
import { classNames } from '../../../utils/class-names';
import { flagAttribute } from '../../../utils/flag-attribute';
import { StepProgress } from '../../components/step-progress';
import { TextField } from '../../components/text-field';
import type { useRoundEdit } from '../../hooks/use-round-edit';

/** 修改轮次: the round's values filled in; only possible before it opens, and it says so. */
export function RoundEditPanel({ edit }: { edit: ReturnType<typeof useRoundEdit> }) {
  const d = edit.draft;
  if (!edit.round || !d) return null;
  return (
    <View id="round-edit" className="card">
      <Text className="card-title">修改“{edit.round.name}”</Text>
      <Text className="muted">只能在开始预约之前修改；开始后请用“提前结束”或“取消本轮”。</Text>
      <View className="adm-toolbar">
        <TextField id="round-edit-name" label="名称" value={d.name} disabled={!edit.editable} onChange={(v) => edit.set('name', v)} />
        <TextField id="round-edit-opens" label="开始预约（北京时间）" value={d.opensAt} placeholder="2026-12-06 08:00" disabled={!edit.editable} onChange={(v) => edit.set('opensAt', v)} />
        <TextField id="round-edit-closes" label="结束预约" value={d.closesAt} placeholder="2026-12-06 20:00" disabled={!edit.editable} onChange={(v) => edit.set('closesAt', v)} />
        <TextField id="round-edit-pickup" label="取货日期" value={d.pickupDate} placeholder="2026-12-07" disabled={!edit.editable} onChange={(v) => edit.set('pickupDate', v)} />
        <TextField id="round-edit-qty" label="每份只数" type="number" value={d.quantityPerPerson} disabled={!edit.editable} onChange={(v) => edit.set('quantityPerPerson', v)} />
        <TextField id="round-edit-repeat" label="再次预约间隔（天）" type="number" value={d.repeatDays} disabled={!edit.editable} onChange={(v) => edit.set('repeatDays', v)} />
      </View>
      <View className="adm-actions">
        {(['first_come', 'lottery'] as const).map((m) => (
          <Text key={m} id={`round-edit-mode-${m}`} className={classNames('chip', d.mode === m && 'chip--selected')} onClick={() => edit.editable && edit.set('mode', m)}>
            {m === 'first_come' ? '先到先得' : '抽签'}
          </Text>
        ))}
      </View>
      {edit.error ? (
        <Text id="round-edit-error" className="form-error">
          {edit.error}
        </Text>
      ) : null}
      <View className="adm-actions">
        <Button id="round-edit-save" className="primary-button adm-button" loading={flagAttribute(edit.busy)} disabled={flagAttribute(edit.busy || !edit.editable)} onClick={() => void edit.save()}>
          保存修改
        </Button>
        <Button id="round-edit-cancel" className="secondary-button adm-button" onClick={edit.close}>
          不改了
        </Button>
      </View>
      {edit.progress ? <StepProgress id="round-edit-progress" progress={edit.progress} /> : null}
    </View>
  );
}
