import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { userMessage } from '../api/error-messages';
import { pages } from '../constants/pages';
import { useStore } from '../hooks/use-store';
import { platform } from '../platform/platform';
import { PRIVACY_AGREE_BUTTON_ID } from '../platform/types';
import { agreeToPolicy, consentStore, declinePolicy } from '../store/consent';
import './privacy-popup.scss';

/**
 * 隐私政策 agreement, on top of whatever page is open: first use, a new policy version, an action
 * that needs it (实名认证, 离我最近), or WeChat's privacy question. The policy is one tap away.
 */
export function PrivacyPopup() {
  const { popupOpen, status } = useStore(consentStore);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  if (!popupOpen) return null;

  const agree = async () => {
    setSaving(true);
    setError(null);
    try {
      await agreeToPolicy();
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setSaving(false);
    }
  };
  const updated = status?.agreedVersion !== null && status?.agreedVersion !== undefined;

  return (
    <View id="privacy-popup" className="privacy-mask">
      <View className="privacy-dialog">
        <Text className="privacy-title">{updated ? '隐私政策已更新' : '欢迎使用政务通'}</Text>
        <Text className="privacy-body">
          为了给您办理口罩预约、健康码等事项，我们需要收集您的实名信息；只有您点“离我最近”时才会使用位置。请您阅读
        </Text>
        <Text id="privacy-policy-link" className="privacy-link" onClick={() => void Taro.navigateTo({ url: pages.privacy })}>
          《政务通隐私政策》
        </Text>
        <Text className="privacy-body">了解我们收集什么、为什么、存多久、谁能看到，以及怎样查看和删除。</Text>
        {error ? <Text className="privacy-error">{error}</Text> : null}
        <View className="privacy-buttons">
          <Button id="privacy-decline" className="privacy-button privacy-button-secondary" onClick={declinePolicy}>
            不同意
          </Button>
          <Button id={PRIVACY_AGREE_BUTTON_ID} className="privacy-button privacy-button-primary" openType={platform.privacyAgreeOpenType} loading={saving} onClick={() => void agree()}>
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  );
}
