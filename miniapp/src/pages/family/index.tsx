import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { PageShell } from '../../components/page-shell';
import { pages } from '../../constants/pages';
import { relationLabels } from '../../constants/relation-labels';
import { useOnShow } from '../../hooks/use-on-show';
import { useMe } from '../../hooks/use-me';
import { FamilyForm } from './family-form';
import { FamilyPersonRow } from './family-person-row';
import { useFamily } from './use-family';
import './index.scss';

export default function FamilyPage() {
  const family = useFamily();
  const me = useMe();
  useOnShow(() => {
    void family.reload();
    void me.reload();
  });

  if (family.error?.code === 'IDENTITY_REQUIRED') {
    return (
      <PageShell id="page-family" className="page--padded">
        <View id="family-identity-required" className="card list-error">
          <Text className="form-error">{family.error.message}</Text>
          <Text className="muted">实名认证后才能添加家人并为家人办事</Text>
          <Button id="family-go-identity" className="primary-button list-retry" onClick={() => void Taro.navigateTo({ url: pages.identity })}>
            去实名认证
          </Button>
        </View>
      </PageShell>
    );
  }

  return (
    <PageShell id="page-family" className="page--padded">
      <View id="family-card" className="card">
        <View className="family-header">
          <Text className="card-title family-title">我的家人</Text>
          <Text id="family-count" className="family-count">
            {family.members.length}/{family.limit}
          </Text>
        </View>
        <Text className="muted">可为家人（如老人、儿童）预约口罩、出示健康码等，最多{family.limit}位</Text>
        {family.error ? (
          <Text id="family-error" className="form-error">
            {family.error.message}
          </Text>
        ) : null}
        <View id="family-list">
          {me.me?.identity ? <FamilyPersonRow id="family-self" relation="本人" name={me.me.identity.name} idLast4={me.me.identity.idNumber.slice(-4)} /> : null}
          {family.members.map((m) => (
            <FamilyPersonRow
              key={m.id}
              id={`family-${m.id}`}
              dataId={m.id}
              relation={relationLabels[m.relation] ?? relationLabels.other}
              name={m.name}
              idLast4={m.idLast4}
              removing={family.removing === m.id}
              onRemove={() => void family.remove(m)}
            />
          ))}
        </View>
        {family.loaded && !family.error && family.members.length === 0 ? (
          <Text id="family-empty" className="muted list-note">
            还没有添加家人
          </Text>
        ) : null}
      </View>
      {family.loaded && family.full ? (
        <Text id="family-limit-reached" className="family-limit">
          已达上限：最多可添加{family.limit}位家人，如需更换请先删除
        </Text>
      ) : null}
      {family.loaded && !family.full && !family.error ? <FamilyForm onAdded={family.added} /> : null}
    </PageShell>
  );
}
