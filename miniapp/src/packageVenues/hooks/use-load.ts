import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { isApiError, type ApiErrorCode } from '../../api/api-error';
import { userMessage } from '../../api/error-messages';

export interface LoadError {
  code: ApiErrorCode | null;
  message: string;
}

export interface Loaded<T> {
  data: T | null;
  error: LoadError | null;
  loading: boolean;
  reload: () => Promise<void>;
}

interface State<T> {
  data: T | null;
  error: LoadError | null;
  loading: boolean;
}

/**
 * One GET's answer, loaded on mount, whenever `key` changes and on `reload`; the last answer stays on
 * screen while a reload runs, and an answer for a key no longer current is dropped.
 */
export function useLoad<T>(key: string, fetch: () => Promise<T>, enabled = true): Loaded<T> {
  const [state, setState] = useState<State<T>>({ data: null, error: null, loading: enabled });
  const fetchRef = useRef(fetch);
  const keyRef = useRef(key);
  useLayoutEffect(() => {
    fetchRef.current = fetch;
    keyRef.current = key;
  });

  const settle = useCallback(async (asked: string, answer: Promise<T>) => {
    try {
      const data = await answer;
      if (keyRef.current === asked) setState({ data, error: null, loading: false });
    } catch (e) {
      if (keyRef.current === asked) setState((s) => ({ ...s, error: { code: isApiError(e) ? e.code : null, message: userMessage(e) }, loading: false }));
    }
  }, []);

  useEffect(() => {
    if (enabled) void settle(key, fetchRef.current());
  }, [key, enabled, settle]);

  const reload = useCallback(() => {
    setState((s) => ({ ...s, loading: true }));
    return settle(keyRef.current, fetchRef.current());
  }, [settle]);

  return { ...state, reload };
}
