import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Symptom } from '../../../api/health-contract';
import { PageShell } from '../../../components/page-shell';
import { flagAttribute } from '../../../utils/flag-attribute';
import { CheckRow } from '../../components/check-row';
import { ColourPill } from '../../components/colour-pill';
import { HealthReasons } from '../../components/health-reasons';
import { useRoutePerson } from '../../hooks/use-route-person';
import { symptomLabels } from '../../lib/health-labels';
import { useDeclaration } from './use-declaration';
import './index.scss';

export default function DeclarePage() {
  const personId = useRoutePerson();
  const form = useDeclaration(personId);

  if (form.result) {
    const { status } = form.result;
    return (
      <PageShell id="page-health-declare" className="page--padded">
        <View id="declare-result" className="card">
          <Text className="card-title">申报成功</Text>
          <View className="row">
            <Text>当前健康码：</Text>
            <ColourPill id="declare-colour" colour={status.colour} />
          </View>
        </View>
        <HealthReasons reasons={status.reasons} greenFrom={status.greenFrom} />
        <View className="card">
          <Button id="declare-back" className="primary-button" onClick={() => void Taro.navigateBack()}>
            返回健康码
          </Button>
        </View>
      </PageShell>
    );
  }

  return (
    <PageShell id="page-health-declare" className="page--padded">
      <View id="declare-symptoms" className="card">
        <Text className="card-title">今天有以下症状吗？（可多选，没有就不选）</Text>
        {Symptom.options.map((s) => (
          <CheckRow key={s} id={`symptom-${s}`} label={symptomLabels[s]} checked={form.symptoms.includes(s)} onToggle={() => form.toggle(s)} />
        ))}
      </View>
      <View id="declare-travel" className="card">
        <Text className="card-title">近14天去过的地区</Text>
        <Text className="muted">填写区县名称或6位区划代码，以及去的日期</Text>
        {form.travel.map((row, i) => (
          <View key={i} id={`travel-${i}`} className="row health-gap">
            <Input
              id={`travel-${i}-district`}
              className="health-input"
              value={row.district}
              placeholder="如：武汉市江岸区"
              onInput={(e) => form.editTravel(i, { district: e.detail.value })}
            />
            <Input
              id={`travel-${i}-date`}
              className="health-input"
              value={row.date}
              placeholder="2026-12-01"
              maxlength={10}
              onInput={(e) => form.editTravel(i, { date: e.detail.value })}
            />
            <Text id={`travel-${i}-remove`} className="danger-link" onClick={() => form.removeTravel(i)}>
              删除
            </Text>
          </View>
        ))}
        <Text id="travel-add" className="link-button" onClick={form.addTravel}>
          ＋ 添加一个地区
        </Text>
      </View>
      {form.error ? (
        <Text id="declare-error" className="form-error list-note">
          {form.error}
        </Text>
      ) : null}
      <View className="card">
        <Button id="declare-submit" className="primary-button big-button" loading={flagAttribute(form.busy)} disabled={flagAttribute(form.busy)} onClick={() => void form.submit()}>
          提交申报
        </Button>
      </View>
    </PageShell>
  );
}
