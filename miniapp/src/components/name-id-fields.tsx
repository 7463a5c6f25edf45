import { Input } from '@tarojs/components';
import { FormField } from './form-field';

type NameIdField = 'name' | 'idNumber';

interface NameIdFieldsProps {
  /** Ids are `<idPrefix>-name` and `<idPrefix>-id-number` (tests and e2e find the inputs by them). */
  idPrefix: string;
  values: Record<NameIdField, string>;
  errors: Partial<Record<NameIdField, string | null | undefined>>;
  onChange: (field: NameIdField, value: string) => void;
  onBlur: (field: NameIdField) => void;
  /** Whose name: 本人 (“请输入真实姓名”) or a family member (“请输入家人真实姓名”). */
  namePlaceholder: string;
}

/** 姓名 + 身份证号, as 实名认证 and 添加家人 ask for them: the same limits, keyboard and messages. */
export function NameIdFields({ idPrefix, values, errors, onChange, onBlur, namePlaceholder }: NameIdFieldsProps) {
  return (
    <>
      <FormField id={`${idPrefix}-name`} label="姓名" error={errors.name}>
        <Input
          id={`${idPrefix}-name`}
          className="form-input"
          value={values.name}
          placeholder={namePlaceholder}
          maxlength={30}
          onInput={(e) => onChange('name', e.detail.value)}
          onBlur={() => onBlur('name')}
        />
      </FormField>
      <FormField id={`${idPrefix}-id-number`} label="身份证号" error={errors.idNumber}>
        <Input
          id={`${idPrefix}-id-number`}
          className="form-input"
          type="idcard"
          value={values.idNumber}
          placeholder="请输入18位身份证号"
          maxlength={18}
          onInput={(e) => onChange('idNumber', e.detail.value)}
          onBlur={() => onBlur('idNumber')}
        />
      </FormField>
    </>
  );
}
