import { useMemo } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { qrDataUrl } from '../../lib/qr/qr-svg';

interface VenuePosterProps {
  venueName: string;
  address: string;
  /** The URL the QR carries: scanned by WeChat, Alipay or the app, it opens the check-in page. */
  posterUrl: string;
  /** The BFF's lines under the QR; the page's own three steps when it sends none. */
  instructions?: readonly string[];
}

const STEPS = [
  '① 打开微信或支付宝，点“扫一扫”，对准上面的二维码',
  '② 勾选本人和同行的家人，点“登记”',
  '③ 把登记结果给门口工作人员看',
];

/** The A4 poster for the door: big venue name, the QR, and what to do in plain words. */
export function VenuePoster({ venueName, address, posterUrl, instructions = [] }: VenuePosterProps) {
  const steps = instructions.length > 0 ? instructions : STEPS;
  const src = useMemo(() => qrDataUrl(posterUrl), [posterUrl]);
  return (
    <View id="venue-poster" className="poster">
      <Text className="poster-kicker">场所码</Text>
      <Text id="poster-venue-name" className="poster-name">
        {venueName}
      </Text>
      {address ? <Text className="poster-address">{address}</Text> : null}
      <View className="poster-qr-frame">
        <Image id="poster-qr" className="poster-qr" src={src} mode="aspectFit" data-url={posterUrl} />
      </View>
      <Text className="poster-call">进门请扫码登记</Text>
      <View className="poster-steps">
        {steps.map((s) => (
          <Text key={s} className="poster-step">
            {s}
          </Text>
        ))}
      </View>
      <Text className="poster-note">没有智能手机的老人和孩子，可由家人代为登记，或请工作人员帮助。</Text>
      <Text className="poster-privacy">场所管理者只能看到到访人数，看不到您的姓名。</Text>
    </View>
  );
}
