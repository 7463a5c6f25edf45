import { Button, Text, View } from '@tarojs/components';
import { classNames } from '../../../utils/class-names';
import { AdminFrame } from '../../components/admin-frame';
import { Pager } from '../../components/pager';
import { AuditTable } from './audit-table';
import { TextField } from '../../components/text-field';
import { useAuditLog } from '../../hooks/use-audit-log';
import { ACTION_FILTERS } from '../../lib/audit-labels';
import './index.scss';

/** 操作日志: who did what, when; by operator, kind of action and dates (China time). */
export default function AdminAuditPage() {
  const a = useAuditLog();
  return (
    <AdminFrame section="audit" title="操作日志">
      <View className="card">
        <View className="adm-toolbar">
          <TextField id="audit-actor" label="操作人账号" value={a.draft.actor} placeholder="不填为全部" onChange={(v) => a.set({ actor: v })} />
          <TextField id="audit-action" label="操作类型" value={a.draft.action} placeholder="例如 role.grant" onChange={(v) => a.set({ action: v })} />
          <TextField id="audit-from" label="从（日期）" value={a.draft.from} placeholder="2026-12-01" onChange={(v) => a.set({ from: v })} />
          <TextField id="audit-to" label="到（日期）" value={a.draft.to} placeholder="2026-12-05" onChange={(v) => a.set({ to: v })} />
        </View>
        <View className="adm-actions">
          {ACTION_FILTERS.map((f) => (
            <Text
              key={f.value}
              id={`audit-kind-${f.value.replace('.', '') || 'all'}`}
              className={classNames('chip', a.draft.action === f.value && 'chip--selected')}
              onClick={() => {
                a.set({ action: f.value });
                a.apply({ ...a.draft, action: f.value });
              }}
            >
              {f.label}
            </Text>
          ))}
          <Button id="audit-apply" className="primary-button adm-button" onClick={() => a.apply()}>
            查询
          </Button>
        </View>
        {a.problem || a.log.error ? (
          <Text id="audit-error" className="form-error">
            {a.problem ?? a.log.error}
          </Text>
        ) : null}
        <AuditTable rows={a.log.rows} />
        <Pager id="audit-pager" page={a.log.page} pages={a.log.pages} total={a.log.total} onPage={a.log.setPage} />
      </View>
    </AdminFrame>
  );
}
