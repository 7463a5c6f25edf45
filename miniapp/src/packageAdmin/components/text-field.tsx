import { Input, Text, View } from '@tarojs/components';

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  placeholder?: string;
  type?: 'text' | 'number' | 'digit';
  disabled?: boolean;
  onChange: (value: string) => void;
}

export function TextField({ id, label, value, placeholder, type = 'text', disabled, onChange }: TextFieldProps) {
  return (
    <View className="adm-field">
      <Text className="adm-label">{label}</Text>
      <Input id={id} className="adm-input" type={type} value={value} placeholder={placeholder} disabled={disabled} maxlength={255} onInput={(e) => onChange(e.detail.value)} />
    </View>
  );
}
