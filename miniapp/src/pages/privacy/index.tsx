import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { userMessage } from '../../api/error-messages';
import { rightsApi } from '../../api/rights-api';
import type { PrivacyPolicyResponse } from '../../api/rights-contract';
import { PageShell } from '../../components/page-shell';
import { useStore } from '../../hooks/use-store';
import { consentStore } from '../../store/consent';
import { markdownBlocks } from '../../utils/simple-markdown';
import './index.scss';

/** The privacy policy in force, as the BFF serves it from the repository (config/privacy-policy). */
export default function PrivacyPage() {
  const [policy, setPolicy] = useState<PrivacyPolicyResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { status } = useStore(consentStore);

  useEffect(() => {
    rightsApi.privacyPolicy().then(setPolicy, (e: unknown) => setError(userMessage(e)));
  }, []);

  return (
    <PageShell id="page-privacy">
      <View className="card privacy-page">
        {policy ? (
          markdownBlocks(policy.text).map((b, i) => (
            <Text key={i} className={`privacy-${b.kind}`}>
              {b.kind === 'item' ? `· ${b.text}` : b.text}
            </Text>
          ))
        ) : (
          <Text id={error ? 'privacy-error' : 'privacy-loading'} className="muted">{error ?? '加载中…'}</Text>
        )}
        {status?.agreedAt ? (
          <Text id="privacy-agreed" className="muted privacy-agreed">
            您已于 {new Date(status.agreedAt).toLocaleDateString('zh-CN')} 同意 {status.agreedVersion} 版
          </Text>
        ) : null}
      </View>
    </PageShell>
  );
}
