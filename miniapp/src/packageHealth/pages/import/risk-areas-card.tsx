import { Button, Input, Text, View } from '@tarojs/components';
import { RiskLevel } from '../../../api/health-contract';
import { chinaDateOf } from '../../../utils/china-time';
import { classNames } from '../../../utils/class-names';
import { flagAttribute } from '../../../utils/flag-attribute';
import { JobProgress } from '../../components/job-progress';
import { riskLevelLabels } from '../../lib/health-labels';
import { useRiskAreas } from './use-risk-areas';
import { useOnShow } from '../../../hooks/use-on-show';

export function RiskAreasCard() {
  const areas = useRiskAreas();
  useOnShow(() => void areas.load());
  return (
    <View id="risk-areas" className="card">
      <Text className="card-title">中高风险地区</Text>
      <Text className="muted">保存后替换全部地区，并重新评估可能受影响的人员；结束日期留空表示仍为风险地区</Text>
      {areas.rows.map((row, i) => (
        <View key={i} id={`area-${i}`} className="reason-item">
          <View className="row">
            <Input id={`area-${i}-district`} className="health-input" value={row.district} placeholder="地区" onInput={(e) => areas.edit(i, { district: e.detail.value })} />
            <Text id={`area-${i}-remove`} className="danger-link" onClick={() => areas.remove(i)}>
              删除
            </Text>
          </View>
          <View className="health-gap">
            {RiskLevel.options.map((level) => (
              <Text
                key={level}
                id={`area-${i}-${level}`}
                className={classNames('chip', row.level === level && 'chip--selected')}
                onClick={() => areas.edit(i, { level })}
              >
                {riskLevelLabels[level]}
              </Text>
            ))}
          </View>
          <View className="row">
            <Input id={`area-${i}-from`} className="health-input" value={row.from} placeholder="开始 2026-12-01" maxlength={10} onInput={(e) => areas.edit(i, { from: e.detail.value })} />
            <Input id={`area-${i}-until`} className="health-input" value={row.until} placeholder="结束（可空）" maxlength={10} onInput={(e) => areas.edit(i, { until: e.detail.value })} />
          </View>
        </View>
      ))}
      <Text id="area-add" className="link-button" onClick={() => areas.add(chinaDateOf(Date.now()))}>
        ＋ 添加地区
      </Text>
      {areas.error ? (
        <Text id="areas-error" className="form-error">
          {areas.error}
        </Text>
      ) : null}
      <Button id="areas-save" className="primary-button health-gap" loading={flagAttribute(areas.busy)} disabled={flagAttribute(areas.busy)} onClick={() => void areas.save()}>
        保存并重新评估
      </Button>
      {areas.job ? <JobProgress job={areas.job} /> : null}
    </View>
  );
}
