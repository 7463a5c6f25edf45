import { useMemo } from 'react';
import { Image } from '@tarojs/components';
import { qrDataUrl } from '../../lib/qr/qr-svg';

interface CodeQrProps {
  id: string;
  code: string;
  className?: string;
}

/** A personal code as a QR image: the shared SVG renderer (no canvas, same on every platform). */
export function CodeQr({ id, code, className }: CodeQrProps) {
  const src = useMemo(() => qrDataUrl(code), [code]);
  return <Image id={id} className={className ?? 'code-qr'} src={src} mode="aspectFit" data-code={code} />;
}
