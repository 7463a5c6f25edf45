import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { PageShell } from '../../../components/page-shell';
import { pages, withQuery } from '../../../constants/pages';
import { ColourCodeCard } from '../../components/colour-code-card';
import { HealthReasons } from '../../components/health-reasons';
import { PersonSwitch } from '../../components/person-switch';
import { useClock } from '../../hooks/use-clock';
import { useFamilyPeople } from '../../hooks/use-family-people';
import { useHealthCode } from '../../hooks/use-health-code';
import './index.scss';

function go(url: string, personId: string | undefined): void {
  void Taro.navigateTo({ url: withQuery(url, { personId }) });
}

export default function HealthCodePage() {
  const [personId, setPersonId] = useState<string | undefined>(undefined);
  const family = useFamilyPeople();
  const health = useHealthCode(personId);
  const now = useClock();
  const { code, error } = health;

  if (!code && error) {
    return (
      <PageShell id="page-health-code" className="page--padded">
        <View id="health-code-error" className="card list-error" data-code={error.code ?? ''}>
          <Text className="form-error">{error.message}</Text>
          {error.code === 'IDENTITY_REQUIRED' ? (
            <Button id="health-go-identity" className="primary-button list-retry" onClick={() => void Taro.navigateTo({ url: pages.identity })}>
              去实名认证
            </Button>
          ) : (
            <Button id="health-retry" className="primary-button list-retry" onClick={() => void health.reload()}>
              重新加载
            </Button>
          )}
        </View>
      </PageShell>
    );
  }

  return (
    <PageShell id="page-health-code" className="page--padded">
      <PersonSwitch family={family} selected={personId} onSelect={setPersonId} />
      {code ? (
        <>
          <ColourCodeCard
            maskedName={code.person.maskedName}
            colour={code.colour}
            code={code.code}
            now={now}
            stale={Date.parse(code.expiresAt) <= now}
          />
          <HealthReasons reasons={code.reasons} greenFrom={code.greenFrom} />
        </>
      ) : (
        <Text id="health-code-loading" className="muted list-note">
          正在加载健康码…
        </Text>
      )}
      <View className="health-links">
        <Button id="health-go-declare" className="secondary-button health-link" onClick={() => go(pages.healthDeclare, personId)}>
          健康申报
        </Button>
        <Button id="health-go-appeal" className="secondary-button health-link" onClick={() => go(pages.healthAppeal, personId)}>
          申诉
        </Button>
        <Button id="health-go-printed" className="secondary-button health-link" onClick={() => go(pages.healthPrinted, personId)}>
          离线码
        </Button>
      </View>
    </PageShell>
  );
}
