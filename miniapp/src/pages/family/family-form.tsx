import { Button, Text, View } from '@tarojs/components';
import type { FamilyMember } from '../../api/family-contract';
import { FormField } from '../../components/form-field';
import { NameIdFields } from '../../components/name-id-fields';
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
      <NameIdFields idPrefix="family" values={form.values} errors={form.errors} onChange={form.change} onBlur={form.blur} namePlaceholder="请输入家人真实姓名" />
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
