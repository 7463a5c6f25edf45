import { useMemo } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { qrDataUrl } from '../../lib/qr/qr-svg';
import './pickup-qr.scss';

interface PickupQrProps {
  /** Element id prefix: `<idPrefix>-qr` (the <Image>) and `<idPrefix>-code-text`. */
  idPrefix: string;
  code: string;
}

/**
 * The pickup code as a QR image (an SVG data URL: no canvas, which differs between WeChat and
 * Alipay) with the code in small print underneath for the counter to type in when scanning fails.
 */
export function PickupQr({ idPrefix, code }: PickupQrProps) {
  const src = useMemo(() => qrDataUrl(code), [code]);
  return (
    <View className="pickup-qr">
      <Image id={`${idPrefix}-qr`} className="reservation-qr" src={src} mode="aspectFit" />
      <Text className="pickup-qr-hint">到店请出示此码</Text>
      <Text id={`${idPrefix}-code-text`} className="reservation-code-text" userSelect>
        {code}
      </Text>
    </View>
  );
}
