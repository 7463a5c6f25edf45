import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { IdNumberCard } from '../../../components/id-number-card';
import { PageShell } from '../../../components/page-shell';
import { useOnShow } from '../../../hooks/use-on-show';
import { useStore } from '../../../hooks/use-store';
import { platform } from '../../../platform/platform';
import { sessionStore } from '../../../store/session';
import { flagAttribute } from '../../../utils/flag-attribute';
import { RoleRequired } from '../../../components/role-required';
import { VerifyResult } from '../../components/verify-result';
import { isVerifier } from '../../lib/roles';
import { useCodeVerification } from './use-code-verification';
import './index.scss';

export default function VerifyPage() {
  const session = useStore(sessionStore);
  const door = useCodeVerification();
  const [code, setCode] = useState('');
  const [manualOpen, setManualOpen] = useState(!platform.canScan);
  // Keys and revocations while the network is there, so the door keeps working when it is not.
  useOnShow(() => void door.prepare());

  if (session.user && !isVerifier(session.user.roles)) return <RoleRequired pageId="page-health-verify" who="核验人员" />;

  const scan = async () => {
    if (!(await door.scan())) setManualOpen(true);
  };

  if (door.result) {
    // At a door the next person is waiting: with a camera, 继续核验 opens the scanner at once.
    const next = () => {
      door.next();
      if (platform.canScan) void scan();
    };
    return (
      <PageShell id="page-health-verify" className="page--padded">
        <VerifyResult verification={door.result} onNext={next} />
      </PageShell>
    );
  }

  return (
    <PageShell id="page-health-verify" className="page--padded">
      {platform.canScan ? (
        <View className="card">
          <Button id="verify-scan" className="primary-button big-button" onClick={() => void scan()}>
            扫码核验
          </Button>
          <Text className="muted health-gap">扫描对方的健康码或离线码，无网络也能核验</Text>
          {!manualOpen ? (
            <Text id="verify-manual-toggle" className="link-button" onClick={() => setManualOpen(true)}>
              无法扫码？手动输入 ›
            </Text>
          ) : null}
        </View>
      ) : null}

      {manualOpen ? (
        <View id="verify-manual" className="card">
          <Text className="card-title">输入或粘贴码内容</Text>
          <Text className="muted">{platform.canScan ? '以 GPC1. 开头的一串字符' : '当前环境无法扫码，请粘贴或输入以 GPC1. 开头的码内容'}</Text>
          <Input
            id="verify-code-input"
            className="health-input health-gap"
            value={code}
            placeholder="GPC1.…"
            maxlength={256}
            onInput={(e) => setCode(e.detail.value)}
          />
          <Button
            id="verify-code-submit"
            className="primary-button big-button health-gap"
            disabled={flagAttribute(!code.trim())}
            onClick={() => {
              void door.verifyText(code);
              setCode('');
            }}
          >
            核验
          </Button>
        </View>
      ) : null}

      <IdNumberCard
        idPrefix="verify"
        title="无手机、无卡人员：按身份证号查询"
        hint="核对身份证件后输入，查询将被记录"
        submitLabel="查询"
        inputClassName="health-input"
        error={door.idNumberError}
        busy={door.busy}
        onSubmit={(idNumber) => door.lookupIdNumber(idNumber)}
        onEdit={door.clearIdNumberError}
      />
    </PageShell>
  );
}
