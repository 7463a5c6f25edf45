import { useMemo } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { formatShortCode } from '../../api/mask-contract';
import { qrDataUrl } from '../../lib/qr/qr-svg';
import './pickup-qr.scss';

interface PickupQrProps {
  /** Element id prefix: `<idPrefix>-qr` (the <Image>) and `<idPrefix>-code-text`. */
  idPrefix: string;
  code: string;
  /** The short 取货码 (10 digits), shown large and grouped to read out or type; null when the booking has none. */
  shortCode?: string | null;
}

/**
 * The pickup code as a QR image (an SVG data URL: no canvas, which differs between WeChat and
 * Alipay) with the code in small print underneath for the counter to type in when scanning fails.
 */
export function PickupQr({ idPrefix, code, shortCode }: PickupQrProps) {
  const src = useMemo(() => qrDataUrl(code), [code]);
  return (
    <View className="pickup-qr">
      <Image id={`${idPrefix}-qr`} className="reservation-qr" src={src} mode="aspectFit" />
      <Text className="pickup-qr-hint">到店请出示此码</Text>
      {shortCode ? (
        <View className="pickup-short">
          <Text className="pickup-short-label">扫不了码时，请把取货码告诉药店</Text>
          <Text id={`${idPrefix}-short-code`} className="pickup-short-code" userSelect>
            {formatShortCode(shortCode)}
          </Text>
        </View>
      ) : null}
      <Text id={`${idPrefix}-code-text`} className="reservation-code-text" userSelect>
        {code}
      </Text>
    </View>
  );
}
