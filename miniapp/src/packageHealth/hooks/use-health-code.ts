import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidHide } from '@tarojs/taro';
import { healthApi } from '../../api/health-api';
import type { HealthCodeResponse } from '../../api/health-contract';
import { isApiError, type ApiErrorCode } from '../../api/api-error';
import { userMessage } from '../../api/error-messages';
import { useOnShow } from '../../hooks/use-on-show';
import { refreshDelayMs, RETRY_DELAY_MS } from '../lib/code-refresh';

export interface HealthCodeState {
  code: HealthCodeResponse | null;
  error: { code: ApiErrorCode | null; message: string } | null;
  loading: boolean;
}

/**
 * The shown code for oneself (personId undefined) or a family member: fetched on show and again
 * at ~45 s of its 60 s life, so the QR on screen is always valid; hidden pages stop refreshing.
 */
export function useHealthCode(personId: string | undefined) {
  const [state, setState] = useState<HealthCodeState>({ code: null, error: null, loading: true });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const person = useRef(personId);
  person.current = personId;

  const stop = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const load = useCallback(async () => {
    stop();
    const asked = person.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const code = await healthApi.call('healthCode', { query: { personId: asked } });
      if (person.current !== asked) return;
      setState({ code, error: null, loading: false });
      timer.current = setTimeout(() => void load(), refreshDelayMs(code.issuedAt, code.expiresAt));
    } catch (e) {
      if (person.current !== asked) return;
      // The old code stays on screen (the page greys it out once expired); try again soon.
      setState((s) => ({ ...s, error: { code: isApiError(e) ? e.code : null, message: userMessage(e) }, loading: false }));
      timer.current = setTimeout(() => void load(), RETRY_DELAY_MS);
    }
  }, []);

  useOnShow(() => void load());
  useDidHide(stop);
  // Switching person fetches that person's code at once (the first render is covered by useOnShow).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    setState({ code: null, error: null, loading: true });
    void load();
  }, [personId, load]);
  useEffect(() => stop, []);

  return { ...state, reload: load };
}
