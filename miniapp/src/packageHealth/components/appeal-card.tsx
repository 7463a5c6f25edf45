import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { Appeal } from '../../api/health-contract';
import { formatDate, formatInstant } from '../../utils/china-time';
import { appealStatusLabels, colourLabels } from '../lib/health-labels';

const statusTone = { open: 'grey', upheld: 'yellow', overridden: 'green' } as const;

/** One appeal with its outcome; officials' actions go in `children`. */
export function AppealCard({ appeal, children }: { appeal: Appeal; children?: ReactNode }) {
  return (
    <View id={`appeal-${appeal.id}`} className="card" data-status={appeal.status}>
      <View className="row">
        <Text className={`pill pill--${statusTone[appeal.status]}`}>{appealStatusLabels[appeal.status]}</Text>
        {appeal.overdue && appeal.status === 'open' ? (
          <Text id={`appeal-${appeal.id}-overdue`} className="pill pill--overdue">
            已超24小时
          </Text>
        ) : null}
        <Text className="muted">
          {' '}
          {appeal.maskedName} · {formatInstant(appeal.createdAt)}
        </Text>
      </View>
      <Text className="muted health-gap">申诉时：{colourLabels[appeal.colourAtFiling]}</Text>
      <Text className="reason-text">{appeal.reason}</Text>
      {appeal.decisionNote ? <Text className="reason-condition">处理意见：{appeal.decisionNote}</Text> : null}
      {appeal.status === 'overridden' && appeal.overrideColour ? (
        <Text id={`appeal-${appeal.id}-override`} className="reason-condition">
          已改为{colourLabels[appeal.overrideColour]}
          {appeal.overrideUntil ? `，至${formatDate(appeal.overrideUntil)}` : ''}
        </Text>
      ) : null}
      {children}
    </View>
  );
}
