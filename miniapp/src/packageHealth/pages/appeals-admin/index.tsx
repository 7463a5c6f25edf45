import { Text, View } from '@tarojs/components';
import { AppealStatus } from '../../../api/health-contract';
import { PageShell } from '../../../components/page-shell';
import { useOnShow } from '../../../hooks/use-on-show';
import { useStore } from '../../../hooks/use-store';
import { sessionStore } from '../../../store/session';
import { classNames } from '../../../utils/class-names';
import { AppealCard } from '../../components/appeal-card';
import { RoleRequired } from '../../../components/role-required';
import { appealStatusLabels } from '../../lib/health-labels';
import { isOfficial } from '../../lib/roles';
import { DecisionForm } from './decision-form';
import { useAppealQueue } from './use-appeal-queue';
import './index.scss';

export default function AppealsAdminPage() {
  const session = useStore(sessionStore);
  const queue = useAppealQueue();
  useOnShow(() => void queue.reload());
  if (session.user && !isOfficial(session.user.roles)) return <RoleRequired pageId="page-health-appeals-admin" who="卫健工作人员" />;

  const overdue = queue.items.filter((a) => a.overdue && a.status === 'open').length;
  return (
    <PageShell id="page-health-appeals-admin" className="page--padded">
      <View className="person-switch">
        {AppealStatus.options.map((s) => (
          <Text key={s} id={`queue-${s}`} className={classNames('chip', queue.status === s && 'chip--selected')} onClick={() => queue.show(s)}>
            {appealStatusLabels[s]}
          </Text>
        ))}
      </View>
      {queue.status === 'open' && overdue > 0 ? (
        <Text id="queue-overdue" className="offline-badge">
          {overdue}条申诉已超过24小时未处理
        </Text>
      ) : null}
      {queue.error ? (
        <Text id="queue-error" className="form-error list-note">
          {queue.error}
        </Text>
      ) : null}
      {queue.items.map((a) => (
        <AppealCard key={a.id} appeal={a}>
          {a.status === 'open' ? <DecisionForm appeal={a} busy={queue.busy === a.id} decide={queue.decide} /> : null}
        </AppealCard>
      ))}
      {queue.items.length === 0 && !queue.error ? (
        <Text id="queue-empty" className="muted list-note">
          没有待处理的申诉
        </Text>
      ) : null}
    </PageShell>
  );
}
