import { Button, Text, View } from '@tarojs/components';
import type { Pharmacy } from '../../../api/admin-contract';
import { classNames } from '../../../utils/class-names';
import { flagAttribute } from '../../../utils/flag-attribute';
import { StepProgress } from '../../components/step-progress';
import { TextField } from '../../components/text-field';
import type { useRoundForm } from '../../hooks/use-round-form';
import { QuotaTable } from './quota-table';

/** 新建轮次: name, booking window (China time), pickup day, first come or lottery, quotas per pharmacy. */
export function RoundForm({ form, pharmacies }: { form: ReturnType<typeof useRoundForm>; pharmacies: readonly Pharmacy[] }) {
  const d = form.draft;
  return (
    <View id="round-form" className="card">
      <Text className="card-title">新建轮次</Text>
      <View className="adm-toolbar">
        <TextField id="round-name" label="名称" value={d.name} placeholder="例如 第12轮" onChange={(v) => form.set('name', v)} />
        <TextField id="round-opens" label="开始预约（北京时间）" value={d.opensAt} placeholder="2026-12-06 08:00" onChange={(v) => form.set('opensAt', v)} />
        <TextField id="round-closes" label="结束预约" value={d.closesAt} placeholder="2026-12-06 20:00" onChange={(v) => form.set('closesAt', v)} />
        <TextField id="round-pickup" label="取货日期（可不填，默认次日）" value={d.pickupDate} placeholder="2026-12-07" onChange={(v) => form.set('pickupDate', v)} />
        <TextField id="round-qty" label="每份只数" type="number" value={d.quantityPerPerson} onChange={(v) => form.set('quantityPerPerson', v)} />
      </View>
      <View className="adm-actions">
        {(['first_come', 'lottery'] as const).map((m) => (
          <Text key={m} id={`round-mode-${m}`} className={classNames('chip', d.mode === m && 'chip--selected')} onClick={() => form.set('mode', m)}>
            {m === 'first_come' ? '先到先得' : '抽签'}
          </Text>
        ))}
      </View>
      <QuotaTable pharmacies={pharmacies} quotas={form.quotas} onQuota={form.setQuota} onFillAll={form.fillAll} />
      {form.error ? (
        <Text id="round-form-error" className="form-error">
          {form.error}
        </Text>
      ) : null}
      <Button id="round-create" className="primary-button adm-button" loading={flagAttribute(form.busy)} disabled={flagAttribute(form.busy)} onClick={() => void form.submit()}>
        创建轮次
      </Button>
      {form.progress ? <StepProgress id="round-create-progress" progress={form.progress} /> : null}
    </View>
  );
}
