import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { routeParam } from '../../constants/pages';
import { useStore } from '../../hooks/use-store';
import { sessionStore } from '../../store/session';
import { hallManagerGateway } from '../gateway';
import { managedHallId } from '../lib/staff';

/** The hall the manager pages show: `?hallId=` (admins), else the hall manager's own hall; and its name. */
export function useManagedHall(): { hallId: string | null; hallName: string | null; signedIn: boolean } {
  const { params } = useRouter();
  const session = useStore(sessionStore);
  const hallId = routeParam(params, 'hallId') || managedHallId(session.user?.roles);
  const [hallName, setHallName] = useState<string | null>(null);
  useEffect(() => {
    if (!hallId) return;
    let active = true;
    hallManagerGateway()
      .hallName(hallId)
      .then((name) => active && setHallName(name))
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, [hallId]);
  return { hallId, hallName, signedIn: Boolean(session.user) };
}
