import { useCallback, useState } from 'react';
import { DELETE_ACCOUNT_PHRASE, type SessionInfo } from '../../api/rights-contract';
import { isApiError } from '../../api/api-error';
import { userMessage } from '../../api/error-messages';
import { rightsApi } from '../../api/rights-api';
import { forgetConsent } from '../../store/consent';
import { signOut } from '../../store/session';

export type SignedOutReason = 'logout' | 'everywhere' | 'deleted';

/** 我的 → 登录设备, 退出登录, 退出所有设备, 注销账号. */
export function useAccountRights(onSignedOut: (reason: SignedOutReason) => void) {
  const [sessions, setSessions] = useState<SessionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof Error && !isApiError(e) ? e.message : userMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const leave = (reason: SignedOutReason) => {
    signOut();
    forgetConsent();
    onSignedOut(reason);
  };

  const reload = useCallback(async () => {
    try {
      setSessions((await rightsApi.listSessions()).sessions);
    } catch (e) {
      setError(userMessage(e));
    }
  }, []);

  return {
    sessions,
    error,
    busy,
    reload,
    endSession: (id: string) => run(async () => {
      await rightsApi.revokeSession(id);
      await reload();
    }),
    logout: () => run(async () => {
      await rightsApi.logout();
      leave('logout');
    }),
    logoutEverywhere: () => run(async () => {
      await rightsApi.revokeAllSessions();
      leave('everywhere');
    }),
    /** Sends the typed phrase as typed: the BFF decides (422 CONFIRMATION_MISMATCH otherwise). */
    deleteAccount: (typed: string) => run(async () => {
      if (typed.trim() !== DELETE_ACCOUNT_PHRASE) throw new Error(`请输入“${DELETE_ACCOUNT_PHRASE}”`);
      await rightsApi.deleteMe({ confirmation: typed.trim() });
      leave('deleted');
    }),
  };
}
