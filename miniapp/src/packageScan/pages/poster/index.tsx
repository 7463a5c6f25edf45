import { useMemo } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../components/page-shell';
import { routeParam } from '../../../constants/pages';
import { useOnShow } from '../../../hooks/use-on-show';
import { qrDataUrl } from '../../../lib/qr/qr-svg';
import { platform } from '../../../platform/platform';
import type { EntryResponse } from '../../../scan-entry/entry-contract';
import { posterTexts } from '../../poster-texts';
import { useEntry } from './use-entry';
import './index.scss';

function Poster({ entry }: { entry: EntryResponse }) {
  const texts = posterTexts[entry.kind];
  const qr = useMemo(() => qrDataUrl(entry.url), [entry.url]);
  return (
    <View id="poster" className="poster">
      <Text className="poster-brand">政务通 · 扫码办事</Text>
      <Text id="poster-name" className="poster-name">
        {entry.place?.name ?? `${texts.fallbackName} ${entry.id}`}
      </Text>
      {entry.place?.address ? (
        <Text id="poster-address" className="poster-address">
          {entry.place.address}
        </Text>
      ) : null}
      <View className="poster-qr-frame">
        <Image id="poster-qr" className="poster-qr" src={qr} mode="aspectFit" />
      </View>
      <View className="poster-lines">
        {texts.lines.map((line, i) => (
          <Text key={line} id={`poster-line-${i + 1}`} className="poster-line">
            {line}
          </Text>
        ))}
      </View>
      <Text id="poster-elderly" className="poster-elderly">
        {texts.elderly}
      </Text>
      {texts.note ? (
        <Text id="poster-note" className="poster-note">
          {texts.note}
        </Text>
      ) : null}
      <Text id="poster-url" className="poster-url">
        {entry.url}
      </Text>
    </View>
  );
}

/** A printable A4 poster of one place's code (docs/scan-entry.md): what a counter or a door shows. */
export default function PosterPage() {
  const { params } = useRouter();
  const state = useEntry(routeParam(params, 'kind'), routeParam(params, 'id'));
  useOnShow(() => void state.reload());
  return (
    <PageShell id="page-scan-poster" className="poster-page">
      {state.entry ? <Poster entry={state.entry} /> : null}
      {state.error ? (
        <Text id="poster-error" className="form-error list-note no-print">
          {state.error}
        </Text>
      ) : null}
      {!state.loaded ? <Text className="list-note no-print">加载中…</Text> : null}
      {state.entry ? (
        <View className="poster-actions no-print">
          {platform.canPrint ? (
            <Button id="poster-print" className="primary-button" onClick={() => platform.printPage()}>
              打印海报（A4纸）
            </Button>
          ) : (
            // Mini-programs cannot print: the page is saved as a picture and printed from a computer.
            <Text id="poster-save-hint" className="list-note">
              请截图保存，发到电脑上用A4纸打印，贴在显眼处
            </Text>
          )}
        </View>
      ) : null}
    </PageShell>
  );
}
