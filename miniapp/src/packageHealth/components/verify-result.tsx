import { Button, Text, View } from '@tarojs/components';
import { verifyDisplay, type Verification } from '../lib/verify-display';

interface VerifyResultProps {
  verification: Verification;
  onNext: () => void;
}

/** Readable from a metre away: the colour (or 无效码 / 仅身份) fills the card. */
export function VerifyResult({ verification, onNext }: VerifyResultProps) {
  const d = verifyDisplay(verification);
  const pending = verification.source === 'code' && verification.online.status === 'pending';
  return (
    <View>
      {d.offlineBadge ? (
        <Text id="verify-offline-badge" className="offline-badge">
          无网络，离线核验
        </Text>
      ) : null}
      <View id="verify-result" className={`verify-result verify-result--${d.tone}`} data-tone={d.tone}>
        <Text id="verify-title" className="verify-title">
          {d.title}
        </Text>
        {d.maskedName ? (
          <Text id="verify-name" className="verify-name">
            {d.maskedName}
          </Text>
        ) : null}
        {d.lines.map((line, i) => (
          <Text key={i} className="verify-line">
            {line}
          </Text>
        ))}
        {pending ? (
          <Text id="verify-pending" className="verify-line">
            正在联网查询当前状态…
          </Text>
        ) : null}
      </View>
      <View className="card">
        <Button id="verify-next" className="primary-button big-button" onClick={onNext}>
          继续核验
        </Button>
      </View>
    </View>
  );
}
