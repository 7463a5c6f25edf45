import { isApiError, type ApiErrorCode } from '../../api/api-error';
import { userMessage } from '../../api/error-messages';
import { useGuardedLoad } from '../../lib/use-guarded-load';
import { useOnShow } from '../../hooks/use-on-show';

export interface LoadError {
  code: ApiErrorCode | null;
  message: string;
}

export function loadError(e: unknown): LoadError {
  return { code: isApiError(e) ? e.code : null, message: userMessage(e) };
}

/** Data fetched when the page shows (and on `reload`); an answer to a superseded load is dropped. */
export function useLoaded<T>(load: () => Promise<T>) {
  const loaded = useGuardedLoad(load, loadError);
  useOnShow(() => void loaded.reload());
  return loaded;
}
