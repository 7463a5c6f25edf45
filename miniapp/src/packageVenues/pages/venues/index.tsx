import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { PageShell } from '../../../components/page-shell';
import { pages, withQuery } from '../../../constants/pages';
import { useStore } from '../../../hooks/use-store';
import { sessionStore } from '../../../store/session';
import { RoleRequired } from '../../../components/role-required';
import { VenueItem } from '../../components/venue-item';
import { holdsAny, MANAGER_ROLES } from '../../lib/roles';
import { openVenuePoster } from './open-venue-poster';
import { useMyVenues } from './use-my-venues';
import './index.scss';

const open = (url: string, id?: string) => void Taro.navigateTo({ url: id ? withQuery(url, { id }) : url });

/** 我的场所: the manager's venues, each with its poster and counts (never who came). */
export default function MyVenuesPage() {
  const session = useStore(sessionStore);
  const allowed = !session.user || holdsAny(session.user.roles, MANAGER_ROLES);
  const venues = useMyVenues(allowed);
  if (!allowed) return <RoleRequired pageId="page-my-venues" who="场所管理员" />;

  return (
    <PageShell id="page-my-venues" className="page--padded">
      <View className="card">
        <Text className="card-title">我的场所</Text>
        <Text className="muted">打印场所码贴在门口。这里只显示到访人数，不显示到访人员的身份。</Text>
        <Button id="venues-register" className="primary-button venue-gap" onClick={() => open(pages.venueRegister)}>
          登记新场所
        </Button>
      </View>
      {venues.error ? (
        <View id="venues-error" className="card list-error">
          <Text className="form-error">{venues.error.message}</Text>
          <Button id="venues-retry" className="secondary-button venue-gap" onClick={() => void venues.reload()}>
            重新加载
          </Button>
        </View>
      ) : null}
      {venues.data?.length === 0 ? (
        <Text id="venues-empty" className="muted list-note">
          还没有场所，请先登记
        </Text>
      ) : null}
      {!venues.data && venues.loading ? (
        <Text id="venues-loading" className="muted list-note">
          正在加载…
        </Text>
      ) : null}
      <View id="venues-list">
        {(venues.data ?? []).map((v) => (
          <VenueItem key={v.id} venue={v} onPoster={() => void openVenuePoster(v.id)} onCounts={() => open(pages.venueCounts, v.id)} />
        ))}
      </View>
    </PageShell>
  );
}
