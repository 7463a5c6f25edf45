import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { HallSummary } from '../../../api/hall-contract';
import type { PlaceKind } from '../../../scan-entry/entry-contract';
import { PosterItem } from './poster-item';
import { useHallWindows, type HallWindows } from './use-halls';

interface HallPostersProps {
  halls: { items: HallSummary[]; error: string | null; loaded: boolean };
  onOpen: (kind: PlaceKind, id: string) => void;
}

function WindowList({ state, onOpen }: { state: HallWindows | undefined; onOpen: HallPostersProps['onOpen'] }) {
  if (state === undefined || state === 'loading') return <Text className="list-note">加载中…</Text>;
  if ('error' in state) return <Text className="form-error list-note">{state.error}</Text>;
  if (state.windows.length === 0) return <Text className="list-note">这个大厅还没有窗口</Text>;
  return (
    <>
      {state.windows.map((w) => (
        <PosterItem key={w.id} id={`window-${w.id}`} name={`${w.number}号窗口`} detail={w.name} onOpen={() => onOpen('window', w.id)} />
      ))}
    </>
  );
}

/** Halls to choose from, each with its poster and, one tap further, a poster per window. */
export function HallPosters({ halls, onOpen }: HallPostersProps) {
  const windows = useHallWindows();
  const [open, setOpen] = useState<string | null>(null);
  const toggle = (hallId: string) => {
    if (open === hallId) return setOpen(null);
    setOpen(hallId);
    const known = windows.byHall[hallId];
    if (known === undefined || (known !== 'loading' && 'error' in known)) void windows.load(hallId);
  };
  return (
    <View id="hall-posters" className="card">
      <Text className="card-title">办事大厅海报</Text>
      <Text className="muted">每个大厅一张，贴在门口：群众扫码即可取号。也可以给每个窗口单独打印一张</Text>
      {halls.error ? <Text className="form-error list-note">{halls.error}</Text> : null}
      {halls.loaded && halls.items.length === 0 && !halls.error ? <Text className="list-note">还没有办事大厅</Text> : null}
      {halls.items.map((h) => (
        <View key={h.id} className="hall-poster-group">
          <PosterItem id={`hall-${h.id}`} name={h.name} detail={h.address} onOpen={() => onOpen('hall', h.id)} />
          <Text id={`hall-windows-${h.id}`} className="hall-windows-toggle" onClick={() => toggle(h.id)}>
            {open === h.id ? '收起窗口 ▴' : '各窗口海报 ▾'}
          </Text>
          {open === h.id ? (
            <View id={`hall-windows-list-${h.id}`} className="hall-windows">
              <WindowList state={windows.byHall[h.id]} onOpen={onOpen} />
            </View>
          ) : null}
        </View>
      ))}
    </View>
  );
}
