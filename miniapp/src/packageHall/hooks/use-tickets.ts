import { useEffect, useState } from 'react';
import { hallGateway } from '../gateway';
import type { Ticket } from '../lib/hall-view';
import { useLoaded } from './use-loaded';
import { usePolling } from './use-polling';

const ACTIVE: readonly Ticket['status'][] = ['waiting', 'called', 'serving'];

/** How often 我的排队 asks again: more often when the turn is near. */
export function pollIntervalMs(tickets: readonly Ticket[]): number | null {
  const active = tickets.filter((t) => ACTIVE.includes(t.status));
  if (active.length === 0) return null;
  const near = active.some((t) => t.status !== 'waiting' || (t.ahead ?? 99) <= 2);
  return near ? 5000 : 10_000;
}

/** 我的排队: one ticket (by id) or all of today's, live while the page is shown. */
export function useTickets(ticketId: string) {
  const state = useLoaded(async () => (ticketId ? [await hallGateway().ticket(ticketId)] : hallGateway().myTickets()));
  const tickets = state.data ?? [];
  // Active tickets first, the newest first among each group.
  const ordered = [...tickets].sort((a, b) => Number(ACTIVE.includes(b.status)) - Number(ACTIVE.includes(a.status)) || b.takenAt.localeCompare(a.takenAt));
  usePolling(() => void state.reload(), pollIntervalMs(tickets));
  const rated = useRated(tickets.filter((t) => t.status === 'done').map((t) => t.id));
  return { tickets: ordered, rated, loaded: state.data !== null, error: state.error, reload: state.reload };
}

/** Which finished visits were rated already (一次一评): those show 已评价 instead of the button. */
function useRated(doneIds: string[]): ReadonlySet<string> {
  const [rated, setRated] = useState<ReadonlySet<string>>(new Set());
  const key = doneIds.join(',');
  useEffect(() => {
    let active = true;
    for (const id of key ? key.split(',') : []) {
      hallGateway()
        .isRated(id)
        .then((yes) => active && yes && setRated((s) => new Set([...s, id])))
        .catch(() => undefined);
    }
    return () => {
      active = false;
    };
  }, [key]);
  return rated;
}
