import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../components/page-shell';
import { routeParam } from '../../../constants/pages';
import { platform } from '../../../platform/platform';
import { venueApi } from '../../../api/venue-api';
import { VenuePoster } from '../../components/venue-poster';
import { useLoad } from '../../hooks/use-load';
import './index.scss';

/** The A4 poster of one venue: on H5 printed straight from here; on mini-programs saved as a picture. */
export default function VenuePosterPage() {
  const id = routeParam(useRouter().params, 'id');
  const poster = useLoad(`poster:${id}`, () => venueApi.call('venuePoster', { params: { id } }), id !== '');

  return (
    <PageShell id="page-venue-poster" className="page--padded">
      {poster.error ? (
        <View id="poster-error" className="card list-error no-print">
          <Text className="form-error">{poster.error.message}</Text>
        </View>
      ) : null}
      {poster.data ? (
        <>
          <VenuePoster
            venueName={poster.data.venue.name}
            address={poster.data.venue.address}
            posterUrl={poster.data.poster.scanUrl}
            instructions={poster.data.poster.instructions}
          />
          <View className="card no-print">
            {platform.canPrint ? (
              <Button id="poster-print" className="primary-button big-button" onClick={() => platform.printPage()}>
                打印海报（A4）
              </Button>
            ) : (
              <Text id="poster-save-hint" className="muted">
                请截图保存，发到电脑上用A4纸打印，贴在门口显眼处
              </Text>
            )}
          </View>
        </>
      ) : !poster.error ? (
        <Text id="poster-loading" className="muted list-note">
          正在生成海报…
        </Text>
      ) : null}
    </PageShell>
  );
}
