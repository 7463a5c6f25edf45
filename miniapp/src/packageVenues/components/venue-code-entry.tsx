import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { flagAttribute } from '../../utils/flag-attribute';

interface VenueCodeEntryProps {
  /** The camera scanner exists (mini-programs): a big scan button; otherwise only the paste box. */
  canScan: boolean;
  onScan: () => void;
  onText: (text: string) => void;
  error: string | null;
}

/** 扫场所码: the scan button, and a box to paste the poster's link or type the code under the QR. */
export function VenueCodeEntry({ canScan, onScan, onText, error }: VenueCodeEntryProps) {
  const [text, setText] = useState('');
  const trimmed = text.trim();
  return (
    <View id="checkin-entry" className="card">
      <Text className="card-title">扫场所码登记</Text>
      {canScan ? (
        <Button id="checkin-scan" className="primary-button big-button" onClick={onScan}>
          扫一扫门口的场所码
        </Button>
      ) : (
        <Text className="muted">请用微信或支付宝“扫一扫”门口的场所码；也可以把场所码的链接粘贴到下面。</Text>
      )}
      <Input
        id="checkin-code-input"
        className="venue-input entry-input"
        value={text}
        placeholder="粘贴场所码链接"
        // Taro limits inputs to 140 characters by default; a poster link is about 150.
        maxlength={512}
        onInput={(e) => setText(e.detail.value)}
      />
      <Button id="checkin-code-submit" className="primary-button entry-submit" disabled={flagAttribute(!trimmed)} onClick={() => onText(trimmed)}>
        确定
      </Button>
      {error ? (
        <Text id="checkin-entry-error" className="form-error">
          {error}
        </Text>
      ) : null}
    </View>
  );
}
