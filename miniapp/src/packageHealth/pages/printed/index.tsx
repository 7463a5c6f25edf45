import { Button, Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/page-shell';
import { platform } from '../../../platform/platform';
import { formatInstant } from '../../../utils/china-time';
import { flagAttribute } from '../../../utils/flag-attribute';
import { CodeQr } from '../../components/code-qr';
import { useRoutePerson } from '../../hooks/use-route-person';
import { usePrintedCode } from './use-printed-code';
import './index.scss';

export default function PrintedCodePage() {
  const personId = useRoutePerson();
  const card = usePrintedCode(personId);

  return (
    <PageShell id="page-health-printed" className="page--padded">
      <View className="card no-print">
        <Text className="card-title">离线码（打印卡）</Text>
        <Text className="muted">给没有智能手机的家人使用：打印后随身携带，门口扫码即可核验身份。离线码不显示健康颜色，工作人员联网后可查询。</Text>
        {card.error ? (
          <Text id="printed-error" className="form-error">
            {card.error}
          </Text>
        ) : null}
        <Button
          id="printed-issue"
          className="primary-button big-button health-gap"
          loading={flagAttribute(card.busy)}
          disabled={flagAttribute(card.busy)}
          onClick={() => void card.issue()}
        >
          {card.printed ? '重新生成' : '生成离线码'}
        </Button>
      </View>
      {card.printed ? (
        <View id="printed-card" className="printed-card">
          <Text className="printed-title">政务通 个人离线码</Text>
          <Text id="printed-name" className="verify-name">
            {card.printed.maskedName}
          </Text>
          <CodeQr id="printed-qr" code={card.printed.code} className="printed-qr" />
          <Text className="muted">有效期至 {formatInstant(card.printed.expiresAt)}</Text>
          {platform.canPrint ? (
            <Button id="printed-print" className="primary-button big-button health-gap no-print" onClick={() => platform.printPage()}>
              打印
            </Button>
          ) : (
            <Text id="printed-save-hint" className="muted health-gap">
              请截图保存，到社区服务点打印
            </Text>
          )}
        </View>
      ) : null}
    </PageShell>
  );
}
