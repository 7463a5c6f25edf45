import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { PageShell } from '../../../components/page-shell';
import { pages, withQuery } from '../../../constants/pages';
import { useOnShow } from '../../../hooks/use-on-show';
import { useStore } from '../../../hooks/use-store';
import type { PlaceKind } from '../../../scan-entry/entry-contract';
import { sessionStore } from '../../../store/session';
import { HallPosters } from './hall-posters';
import { PosterItem } from './poster-item';
import { useHalls } from './use-halls';
import { usePharmacies } from './use-pharmacies';
import './index.scss';

function openPoster(kind: PlaceKind, id: string): void {
  void Taro.navigateTo({ url: withQuery(pages.scanPoster, { kind, id }) });
}

/** The administrator's list of printable posters: one per pharmacy, per hall and per window, chosen from lists. */
export default function PostersPage() {
  const session = useStore(sessionStore);
  const pharmacies = usePharmacies();
  const halls = useHalls();
  const isAdmin = (session.user?.roles ?? []).some((g) => g.role === 'admin');
  useOnShow(() => {
    if (!isAdmin) return;
    void pharmacies.reload();
    void halls.reload();
  });
  if (session.user && !isAdmin) {
    return (
      <PageShell id="page-scan-posters" className="page--padded">
        <Text id="role-required" className="form-error list-note">
          仅管理员可使用此功能
        </Text>
      </PageShell>
    );
  }
  return (
    <PageShell id="page-scan-posters" className="page--padded">
      <View className="card">
        <Text className="card-title">药店海报</Text>
        <Text className="muted">每家药店一张A4海报，贴在柜台：群众扫码即可预约本店口罩</Text>
        {pharmacies.error ? <Text className="form-error list-note">{pharmacies.error}</Text> : null}
        {pharmacies.loaded && pharmacies.items.length === 0 && !pharmacies.error ? <Text className="list-note">还没有药店</Text> : null}
        {pharmacies.items.map((p) => (
          <PosterItem key={p.id} id={p.id} name={p.name} detail={p.address} onOpen={() => openPoster('pharmacy', p.id)} />
        ))}
      </View>
      <HallPosters halls={halls} onOpen={openPoster} />
    </PageShell>
  );
}
