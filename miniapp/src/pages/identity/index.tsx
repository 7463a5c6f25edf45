import { useEffect } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { MaskedIdentity } from '@govpass/shared-types';
import { NameIdFields } from '../../components/name-id-fields';
import { PageShell } from '../../components/page-shell';
import { flagAttribute } from '../../utils/flag-attribute';
import { useIdentityForm } from './use-identity-form';
import './index.scss';

const HOME_PAGE = '/pages/index/index';
const RETURN_DELAY_MS = 1500;

function goHome(): void {
  // Opened directly (H5 deep link, share card) there is no page to go back to.
  Taro.navigateBack().catch(() => Taro.reLaunch({ url: HOME_PAGE }));
}

function BoundResult({ identity }: { identity: MaskedIdentity }) {
  useEffect(() => {
    const timer = setTimeout(goHome, RETURN_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <View id="identity-success" className="card identity-success">
      <Text className="card-title identity-success-title">实名认证成功</Text>
      <Text id="identity-masked-name" className="identity-masked">{identity.name}</Text>
      <Text id="identity-masked-id-number" className="identity-masked">{identity.idNumber}</Text>
      <Button id="identity-done" className="primary-button identity-submit" onClick={goHome}>
        返回首页
      </Button>
    </View>
  );
}

export default function IdentityPage() {
  const form = useIdentityForm();
  return (
    <PageShell id="page-identity" className="page--padded">
      {form.bound ? (
        <BoundResult identity={form.bound} />
      ) : (
        <View className="card identity-form">
          <Text className="card-title">请填写本人身份信息</Text>
          <Text className="muted">信息仅用于核验身份，加密保存</Text>
          <NameIdFields idPrefix="identity" values={form.values} errors={form.errors} onChange={form.change} onBlur={form.blur} namePlaceholder="请输入真实姓名" />
          {form.formError ? (
            <Text id="identity-form-error" className="form-error">
              {form.formError}
            </Text>
          ) : null}
          <Button
            id="identity-submit"
            className="primary-button identity-submit"
            loading={flagAttribute(form.submitting)}
            disabled={flagAttribute(form.submitting)}
            onClick={() => void form.submit()}
          >
            提交认证
          </Button>
        </View>
      )}
    </PageShell>
  );
}
