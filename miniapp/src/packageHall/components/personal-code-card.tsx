import { useMemo } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { qrDataUrl } from '../../lib/qr/qr-svg';

interface PersonalCodeCardProps {
  code: string | null;
  maskedName: string | null;
  error: string | null;
}

/** The personal code to show at the hall: staff scan it to check the appointment in and print a number. */
export function PersonalCodeCard({ code, maskedName, error }: PersonalCodeCardProps) {
  const src = useMemo(() => (code ? qrDataUrl(code) : ''), [code]);
  return (
    <View id="hall-code" className="card hall-code">
      <Text className="card-title">到大厅后出示此码</Text>
      {code ? (
        <>
          <Image id="hall-code-qr" className="hall-code-qr" src={src} mode="aspectFit" data-code={code} />
          {maskedName ? <Text className="hall-code-name">{maskedName}</Text> : null}
          <Text className="muted hall-code-hint">工作人员扫码后为您取号，无需排队取号</Text>
        </>
      ) : (
        <Text className={error ? 'form-error' : 'muted'}>{error ?? '正在加载…'}</Text>
      )}
    </View>
  );
}
