import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { flagAttribute } from '../utils/flag-attribute';
import { FormField } from './form-field';
import './id-number-card.scss';

interface IdNumberCardProps {
  /** Ids: `<idPrefix>-by-id` (card), `<idPrefix>-id-number` (field), `<idPrefix>-id-submit` (button). */
  idPrefix: string;
  title: string;
  hint: string;
  submitLabel: string;
  error: string | null;
  busy: boolean;
  /** The page's own input style (a bordered one on pages without form rows). */
  inputClassName?: string;
  /** Resolves true when the number was taken: the field is then cleared. */
  onSubmit: (idNumber: string) => Promise<boolean>;
  onEdit: () => void;
}

/**
 * The way in for someone without a phone or card: staff check the ID card and type its number.
 * One card for every counter that offers it (door verification, pharmacy redemption).
 */
export function IdNumberCard({ idPrefix, title, hint, submitLabel, error, busy, inputClassName = 'form-input', onSubmit, onEdit }: IdNumberCardProps) {
  const [idNumber, setIdNumber] = useState('');
  const submit = async () => {
    if (await onSubmit(idNumber)) setIdNumber('');
  };
  return (
    <View id={`${idPrefix}-by-id`} className="card">
      <Text className="card-title">{title}</Text>
      <Text className="muted">{hint}</Text>
      <FormField id={`${idPrefix}-id-number`} label="身份证号" error={error}>
        <Input
          id={`${idPrefix}-id-number`}
          className={inputClassName}
          type="idcard"
          value={idNumber}
          placeholder="请输入18位身份证号"
          maxlength={18}
          onInput={(e) => {
            setIdNumber(e.detail.value);
            onEdit();
          }}
        />
      </FormField>
      <Button id={`${idPrefix}-id-submit`} className="secondary-button id-number-card-submit" loading={flagAttribute(busy)} disabled={flagAttribute(busy)} onClick={() => void submit()}>
        {submitLabel}
      </Button>
    </View>
  );
}
