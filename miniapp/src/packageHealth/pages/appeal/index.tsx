import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { PageShell } from '../../../components/page-shell';
import { useOnShow } from '../../../hooks/use-on-show';
import { flagAttribute } from '../../../utils/flag-attribute';
import { AppealCard } from '../../components/appeal-card';
import { useRoutePerson } from '../../hooks/use-route-person';
import { useAppeals } from './use-appeals';
import './index.scss';

export default function AppealPage() {
  const personId = useRoutePerson();
  const appeals = useAppeals(personId);
  const [reason, setReason] = useState('');
  useOnShow(() => void appeals.reload());
  const submit = async () => {
    if (await appeals.file(reason)) setReason('');
  };

  return (
    <PageShell id="page-health-appeal" className="page--padded">
      <View id="appeal-form" className="card">
        <Text className="card-title">对健康码颜色有异议？</Text>
        <Text className="muted">请写明理由（如：已完成隔离、核酸阴性、未去过该地区），工作人员将在24小时内处理</Text>
        <Textarea
          id="appeal-reason"
          className="health-textarea health-gap"
          value={reason}
          placeholder="请填写申诉理由（至少5个字）"
          maxlength={500}
          onInput={(e) => setReason(e.detail.value)}
        />
        {appeals.error ? (
          <Text id="appeal-error" className="form-error">
            {appeals.error}
          </Text>
        ) : null}
        <Button
          id="appeal-submit"
          className="primary-button big-button health-gap"
          loading={flagAttribute(appeals.busy)}
          disabled={flagAttribute(appeals.busy)}
          onClick={() => void submit()}
        >
          提交申诉
        </Button>
      </View>
      <Text className="muted list-note">我的申诉</Text>
      {appeals.loadError ? (
        <Text id="appeal-load-error" className="form-error list-note">
          {appeals.loadError}
        </Text>
      ) : null}
      <View id="appeal-list">
        {appeals.items.map((a) => (
          <AppealCard key={a.id} appeal={a} />
        ))}
      </View>
      {appeals.items.length === 0 && !appeals.loadError ? (
        <Text id="appeal-empty" className="muted list-note">
          还没有申诉记录
        </Text>
      ) : null}
    </PageShell>
  );
}
