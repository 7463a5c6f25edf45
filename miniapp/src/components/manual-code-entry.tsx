import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { flagAttribute } from '../utils/flag-attribute';
import './manual-code-entry.scss';

interface ManualCodeEntryProps {
  onSubmit: (code: string) => void;
  onCancel: () => void;
}

/** Stand-in for the camera scanner where there is none (H5) or the scan was abandoned. */
export function ManualCodeEntry({ onSubmit, onCancel }: ManualCodeEntryProps) {
  const [code, setCode] = useState('');
  const trimmed = code.trim();
  return (
    <View id="scan-manual" className="card manual-entry">
      <Text className="card-title">手动输入编码</Text>
      <Text className="muted">当前环境无法调用扫码，请输入二维码下方的编码</Text>
      <Input
        id="scan-manual-input"
        className="manual-entry-input"
        value={code}
        placeholder="请输入编码"
        // Taro's default limit is 140 characters; a pasted venue poster link is longer.
        maxlength={512}
        onInput={(e) => setCode(e.detail.value)}
      />
      <View className="manual-entry-actions">
        <Button id="scan-manual-cancel" className="secondary-button manual-entry-button" onClick={onCancel}>
          取消
        </Button>
        <Button
          id="scan-manual-submit"
          className="primary-button manual-entry-button"
          disabled={flagAttribute(!trimmed)}
          onClick={() => onSubmit(trimmed)}
        >
          确定
        </Button>
      </View>
    </View>
  );
}
