import type { PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useStore } from '../hooks/use-store';
import { elderlyModeStore, syncElderlyMode } from '../store/elderly-mode';
import { classNames } from '../utils/class-names';
import { PrivacyPopup } from './privacy-popup';

interface PageShellProps {
  id: string;
  className?: string;
}

/**
 * Every page's root. Mini-programs have no shared DOM root to hang a class on, so each page
 * applies `.elderly` itself; styles scale from there (see styles/theme.scss `fs`). The privacy
 * agreement popup (store/consent.ts) sits in every page, so it opens wherever the person is.
 */
export function PageShell({ id, className, children }: PropsWithChildren<PageShellProps>) {
  const elderly = useStore(elderlyModeStore);
  useDidShow(syncElderlyMode);
  return (
    <View id={id} className={classNames('page', elderly && 'elderly', className)}>
      {children}
      <PrivacyPopup />
    </View>
  );
}
