import type { PropsWithChildren } from 'react';
import { Text, View } from '@tarojs/components';
import './form-field.scss';

interface FormFieldProps {
  /** Base id: the error element gets `<id>-error`. */
  id: string;
  label: string;
  error?: string | null;
}

export function FormField({ id, label, error, children }: PropsWithChildren<FormFieldProps>) {
  return (
    <View id={`${id}-field`} className="form-field">
      <Text className="form-field-label">{label}</Text>
      {children}
      {error ? (
        <Text id={`${id}-error`} className="field-error">
          {error}
        </Text>
      ) : null}
    </View>
  );
}
