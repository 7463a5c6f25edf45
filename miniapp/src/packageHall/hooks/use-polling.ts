import { useEffect, useLayoutEffect, useRef } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';

/**
 * Runs `tick` every `intervalMs` while the page is shown (a hidden page does not poll: it costs
 * the phone's battery and the BFF's reads). `intervalMs` null pauses.
 */
export function usePolling(tick: () => void, intervalMs: number | null): void {
  const latest = useRef(tick);
  const shown = useRef(true);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  const interval = useRef(intervalMs);
  useLayoutEffect(() => {
    latest.current = tick;
    interval.current = intervalMs;
  });

  const stop = () => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
  };
  const start = () => {
    stop();
    if (interval.current !== null && shown.current) timer.current = setInterval(() => latest.current(), interval.current);
  };

  useEffect(() => {
    start();
    return stop;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- start/stop read refs only
  }, [intervalMs]);
  useDidHide(() => {
    shown.current = false;
    stop();
  });
  useDidShow(() => {
    if (shown.current) return;
    shown.current = true;
    start();
  });
}
