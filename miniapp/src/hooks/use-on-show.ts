import { useEffect, useLayoutEffect, useRef } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';

/**
 * Runs `callback` when the page mounts and again each time it is shown after having been hidden
 * (back from another page, app back in the foreground). Whether a page's first didShow reaches
 * hooks registered during its first render differs between runtimes; this never misses the first
 * load and never runs it twice.
 */
export function useOnShow(callback: () => void): void {
  const latest = useRef(callback);
  // Refs are written after render, not during it; a layout effect runs before any later event.
  useLayoutEffect(() => {
    latest.current = callback;
  });
  const hidden = useRef(false);
  useEffect(() => {
    latest.current();
  }, []);
  useDidHide(() => {
    hidden.current = true;
  });
  useDidShow(() => {
    if (!hidden.current) return;
    hidden.current = false;
    latest.current();
  });
}
