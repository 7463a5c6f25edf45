import { useEffect, useState } from 'react';

/** The current time, ticking every second while mounted: the result page's live clock. */
export function useClock(tickMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  return now;
}
