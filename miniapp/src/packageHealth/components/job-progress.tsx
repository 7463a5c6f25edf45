import { Text, View } from '@tarojs/components';
import type { HealthJob } from '../../api/health-contract';

const statusText = { queued: '排队中', running: '正在重新评估', done: '已完成', failed: '失败' } as const;

/** Progress of a re-evaluation job (risk areas): done of total, and how many colours changed. */
export function JobProgress({ job }: { job: HealthJob }) {
  const percent = job.total > 0 ? Math.min(100, Math.round((job.done / job.total) * 100)) : job.status === 'done' ? 100 : 0;
  return (
    <View id="job-progress" className="health-gap" data-status={job.status} data-percent={percent}>
      <Text className="muted">
        {statusText[job.status]}：{job.done}/{job.total}，{job.changed}人颜色变化
      </Text>
      <View className="progress">
        <View id="job-progress-bar" className="progress-bar" style={{ width: `${percent}%` }} />
      </View>
    </View>
  );
}
