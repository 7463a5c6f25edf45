import { Button, Input, Text, View } from '@tarojs/components';
import { FormField } from '../../components/form-field';
import type { FieldErrorsOf } from '../../utils/field-errors';
import { flagAttribute } from '../../utils/flag-attribute';
import type { TraceField, TraceFormValues } from '../hooks/use-trace';

interface TraceFormProps {
  values: TraceFormValues;
  errors: FieldErrorsOf<TraceField>;
  error: string | null;
  busy: boolean;
  onChange: (patch: Partial<TraceFormValues>) => void;
  onSubmit: () => void;
}

/** 标记病例: the case's ID number and the infectious window, as China calendar days. */
export function TraceForm({ values, errors, error, busy, onChange, onSubmit }: TraceFormProps) {
  return (
    <View id="trace-form" className="card">
      <Text className="card-title">标记病例并开展流调</Text>
      <Text className="muted">系统会查出病例在传染期内到过的场所，以及同一时段在这些场所登记的人员，并将他们转为黄码、发送提醒。操作会被记录。</Text>
      <FormField id="trace-id-number" label="病例身份证号" error={errors.idNumber}>
        <Input
          id="trace-id-number-input"
          className="venue-input"
          type="idcard"
          maxlength={18}
          value={values.idNumber}
          placeholder="18位身份证号"
          onInput={(e) => onChange({ idNumber: e.detail.value })}
        />
      </FormField>
      <FormField id="trace-window" label="传染期（开始日期 至 结束日期）" error={errors.from ?? errors.until}>
        <View className="venue-row">
          <Input id="trace-from-input" className="venue-input" value={values.fromDay} placeholder="YYYY-MM-DD" onInput={(e) => onChange({ fromDay: e.detail.value })} />
          <Input id="trace-until-input" className="venue-input" value={values.untilDay} placeholder="YYYY-MM-DD" onInput={(e) => onChange({ untilDay: e.detail.value })} />
        </View>
      </FormField>
      <FormField id="trace-note" label="备注（选填）" error={errors.note}>
        <Input id="trace-note-input" className="venue-input" value={values.note} placeholder="如：病例编号" onInput={(e) => onChange({ note: e.detail.value })} />
      </FormField>
      {error ? (
        <Text id="trace-error" className="form-error">
          {error}
        </Text>
      ) : null}
      <Button id="trace-submit" className="primary-button big-button venue-gap" loading={flagAttribute(busy)} disabled={flagAttribute(busy)} onClick={onSubmit}>
        开始流调
      </Button>
    </View>
  );
}
