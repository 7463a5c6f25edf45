import { useCallback, useState } from 'react';
import { userMessage } from '../../../api/error-messages';
import { resolveEntry } from '../../../scan-entry/entry-api';
import { EntryParams, type EntryResponse } from '../../../scan-entry/entry-contract';

export interface EntryState {
  entry: EntryResponse | null;
  error: string | null;
  loaded: boolean;
  reload(): Promise<void>;
}

/** The place behind a poster (URL, name, address) by the `kind` and `id` of the page's query. */
export function useEntry(kind: string, id: string): EntryState {
  const [entry, setEntry] = useState<EntryResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const reload = useCallback(async () => {
    const params = EntryParams.safeParse({ kind, id });
    if (!params.success) {
      setError('海报地址不完整，请从“扫码海报”页面重新打开');
      setLoaded(true);
      return;
    }
    try {
      setEntry(await resolveEntry(params.data));
      setError(null);
    } catch (err) {
      setError(userMessage(err));
    } finally {
      setLoaded(true);
    }
  }, [kind, id]);
  return { entry, error, loaded, reload };
}
