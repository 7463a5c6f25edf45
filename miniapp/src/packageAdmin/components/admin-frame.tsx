import type { PropsWithChildren } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { PageShell } from '../../components/page-shell';
import { pages } from '../../constants/pages';
import { useStore } from '../../hooks/use-store';
import { sessionStore } from '../../store/session';
import { classNames } from '../../utils/class-names';
import { visibleSections, type SectionKey } from '../lib/sections';

/**
 * Every console page: the sections this account may use (a side bar on a desktop, tabs on a phone)
 * and the page's own content. Someone without the role sees why instead (the API refuses anyway).
 */
export function AdminFrame({ section, title, children }: PropsWithChildren<{ section: SectionKey; title: string }>) {
  const session = useStore(sessionStore);
  const allowed = visibleSections(session.user?.roles);
  const pageId = `page-admin-${section}`;
  if (session.user && !allowed.some((s) => s.key === section)) {
    return (
      <PageShell id={pageId} className="page--padded">
        <View id="role-required" className="card list-error">
          <Text className="form-error">仅管理员可使用管理后台</Text>
          <Button id="role-go-home" className="secondary-button list-retry" onClick={() => void Taro.reLaunch({ url: pages.home })}>
            返回首页
          </Button>
        </View>
      </PageShell>
    );
  }
  return (
    <PageShell id={pageId} className="adm-page">
      <View className="adm-layout">
        <View id="admin-nav" className="adm-nav">
          <Text className="adm-nav-title">管理后台</Text>
          {allowed.map((s) => (
            <Text
              key={s.key}
              id={`admin-nav-${s.key}`}
              className={classNames('adm-nav-item', s.key === section && 'adm-nav-item--on')}
              onClick={() => s.key !== section && void Taro.redirectTo({ url: s.url })}
            >
              {s.label}
            </Text>
          ))}
        </View>
        <View className="adm-main">
          <Text className="adm-title">{title}</Text>
          {children}
        </View>
      </View>
    </PageShell>
  );
}
