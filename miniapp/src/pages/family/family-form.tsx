import { Button, Input, Text, View } from '@tarojs/components';
import type { FamilyMember } from '../../api/family-contract';
import { FormField } from '../../components/form-field';
import { relationChoices, relationLabels } from '../../constants/relation-labels';
import { classNames } from '../../utils/class-names';
import { flagAttribute } from '../../utils/flag-attribute';
import { useFamilyForm } from './use-family-form';


export function FamilyForm({ onAdded }: { onAdded: (member: FamilyMember) => void }) {
  const form = useFamilyForm(onAdded);
  return (
    <View id="family-form" className="card">
      <Text className="card-title">添加家人</Text>
      <Text className="muted">家人信息将与公安人口库核验，仅用于代家人办事</Text>
      <FormField id="family-name" label="姓名" error={form.errors.name}>
        <Input
          id="family-name"
          className="form-input"
          value={form.values.name}
          placeholder="请输入家人真实姓名"
          maxlength={30}
          onInput={(e) => form.change('name', e.detail.value)}
          onBlur={() => form.blur('name')}
        />
      </FormField>
      <FormField id="family-id-number" label="身份证号" error={form.errors.idNumber}>
        <Input
          id="family-id-number"
          className="form-input"
          type="idcard"
          value={form.values.idNumber}
          placeholder="请输入18位身份证号"
          maxlength={18}
          onInput={(e) => form.change('idNumber', e.detail.value)}
          onBlur={() => form.blur('idNumber')}
        />
      </FormField>
      <FormField id="family-relation" label="与本人关系" error={form.errors.relation}>
        <View className="relation-chips">
          {relationChoices.map((r) => (
            <Text
              key={r}
              id={`family-relation-${r}`}
              className={classNames('chip relation-chip', form.values.relation === r && 'chip--selected')}
              onClick={() => form.change('relation', r)}
            >
              {relationLabels[r]}
            </Text>
          ))}
        </View>
      </FormField>
      {form.formError ? (
        <Text id="family-form-error" className="form-error">
          {form.formError}
        </Text>
      ) : null}
      <Button
        id="family-submit"
        className="primary-button family-submit"
        loading={flagAttribute(form.submitting)}
        disabled={flagAttribute(form.submitting)}
        onClick={() => void form.submit()}
      >
        添加家人
      </Button>
    </View>
  );
}
