import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../components/page-shell';
import { pages } from '../../../constants/pages';
import { platform } from '../../../platform/platform';
import { flagAttribute } from '../../../utils/flag-attribute';
import { CheckinResult } from '../../components/checkin-result';
import { PeoplePicker } from '../../components/people-picker';
import { VenueCodeEntry } from '../../components/venue-code-entry';
import { useCheckin } from '../../hooks/use-checkin';
import { useCheckinPeople } from '../../hooks/use-checkin-people';
import { useClock } from '../../hooks/use-clock';
import { venueCodeFromParams } from '../../lib/venue-code-from-scan';
import './index.scss';

/**
 * 扫场所码. Opened from the home page (scan or paste), or straight from the poster: WeChat/Alipay's
 * own scanner and the H5 poster link land here with the code in the page's query.
 */
export default function VenueCheckinPage() {
  const { params } = useRouter();
  const checkin = useCheckin(venueCodeFromParams(params));
  const people = useCheckinPeople();
  const now = useClock();
  const { outcome, error } = checkin;

  if (outcome) {
    return (
      <PageShell id="page-venue-checkin" className="page--padded">
        <CheckinResult
          venueName={outcome.venue.name}
          checkedInAt={outcome.items[0]?.checkedInAt ?? ''}
          people={outcome.items.map((p) => ({ ...p, reasons: p.reasons.map((r) => r.text) }))}
          now={now + outcome.clockOffsetMs}
          repeated={outcome.items.some((p) => p.duplicate)}
          onDone={() => void Taro.reLaunch({ url: pages.home })}
        />
        {error ? (
          <Text id="checkin-error" className="form-error result-partial-error">
            部分人员未能登记：{error.message}
          </Text>
        ) : null}
      </PageShell>
    );
  }

  if (!checkin.code) {
    return (
      <PageShell id="page-venue-checkin" className="page--padded">
        <VenueCodeEntry canScan={platform.canScan} onScan={() => void checkin.scan()} onText={checkin.enterText} error={checkin.entryError} />
      </PageShell>
    );
  }

  return (
    <PageShell id="page-venue-checkin" className="page--padded">
      <View id="checkin-choose" className="card">
        <Text className="checkin-venue-hint">已识别场所码</Text>
        <Text className="muted venue-gap">请勾选要登记的人（可以替家人登记）：</Text>
        <PeoplePicker people={people.people} chosen={people.chosen} onToggle={people.toggle} />
        {error ? (
          <View id="checkin-error" className="list-error" data-code={error.code ?? ''}>
            <Text className="form-error">{error.message}</Text>
            {error.code === 'IDENTITY_REQUIRED' ? (
              <Button id="checkin-go-identity" className="secondary-button venue-gap" onClick={() => void Taro.navigateTo({ url: pages.identity })}>
                去实名认证
              </Button>
            ) : null}
          </View>
        ) : null}
        <Button
          id="checkin-submit"
          className="primary-button big-button venue-gap"
          loading={flagAttribute(checkin.busy)}
          disabled={flagAttribute(checkin.busy || people.chosen.length === 0)}
          onClick={() => void checkin.submit(people.chosen)}
        >
          登记
        </Button>
        <Text id="checkin-rescan" className="link-button rescan-link" onClick={checkin.restart}>
          换一个场所码
        </Text>
      </View>
    </PageShell>
  );
}
