import { useState } from 'react';
import { adminApi } from '../../api/admin-api';
import { AccountSearchQuery, type AccountSearchResult } from '../../api/admin-contract';
import { userMessage } from '../../api/error-messages';
import { personLabel } from '../../constants/relation-labels';
import { chinaDateTime } from '../lib/format';

const PLATFORMS: Readonly<Record<AccountSearchResult['platform'], string>> = { weapp: '微信小程序', alipay: '支付宝小程序', h5: '网页' };

/** 李** · 尾号 123X · 微信小程序 · 2026-12-01 注册 (an unverified account: 未实名). */
export function accountLabel(a: AccountSearchResult): string {
  const who = a.maskedName ? personLabel(a.maskedName, a.idLast4) : '未实名';
  return `${who} · ${PLATFORMS[a.platform]} · ${chinaDateTime(a.createdAt).slice(0, 10)} 注册`;
}

/** 查找账号: checked with the API's own schema, then asked; the chosen one fills the grant form. */
export function useAccountSearch(onPick: (a: AccountSearchResult) => void) {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<AccountSearchResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [picked, setPicked] = useState<AccountSearchResult | null>(null);

  const search = async () => {
    const parsed = AccountSearchQuery.safeParse({ q });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '请输入身份证号或登录名');
    setError(null);
    setBusy(true);
    try {
      setResults((await adminApi.call('searchAccounts', { query: parsed.data })).items);
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return {
    q,
    setQ,
    search,
    results,
    error,
    busy,
    picked,
    pick: (a: AccountSearchResult) => {
      setPicked(a);
      onPick(a);
    },
    clearPick: () => setPicked(null),
  };
}
