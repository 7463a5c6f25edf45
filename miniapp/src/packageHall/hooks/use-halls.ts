import { useEffect, useState } from 'react';
import { platform } from '../../platform/platform';
import type { GeoPoint } from '../../platform/types';
import { hallGateway } from '../gateway';
import type { Hall } from '../lib/hall-view';
import { useLoaded } from './use-loaded';

/** How long the list waits for a position before loading without distances. */
export const LOCATION_WAIT_MS = 1500;

/** 附近的办事大厅: nearest first once a position is known; a refusal just means no distances. */
export function useHalls() {
  const [position, setPosition] = useState<GeoPoint | null>(null);
  const [settled, setSettled] = useState(false);
  const halls = useLoaded<Hall[] | null>(async () => (settled ? hallGateway().listHalls(position) : null));

  useEffect(() => {
    let active = true;
    const timer = setTimeout(() => active && setSettled(true), LOCATION_WAIT_MS);
    platform
      .getLocation()
      .then((p) => {
        if (!active) return;
        setPosition(p);
        setSettled(true);
      })
      .catch(() => active && setSettled(true));
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, []);

  const { reload } = halls;
  useEffect(() => {
    if (settled) void reload();
  }, [settled, position, reload]);

  return { halls: halls.data, error: halls.error, loading: halls.loading || !settled, reload, located: position !== null };
}
