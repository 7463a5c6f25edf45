import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../components/page-shell';
import { routeParam } from '../../../constants/pages';
import { useStore } from '../../../hooks/use-store';
import { sessionStore } from '../../../store/session';
import { RoleRequired } from '../../../components/role-required';
import { TraceForm } from '../../components/trace-form';
import { TraceReportView } from '../../components/trace-report-view';
import { useTrace, type TraceFormValues } from '../../hooks/use-trace';
import { holdsAny, OFFICIAL_ROLES } from '../../lib/roles';
import { defaultTraceDays } from '../../lib/trace-window';
import './index.scss';

/** 流调 for health officials (H5 on the office computer; mini-programs copy the CSV instead of downloading). */
export default function TracePage() {
  const session = useStore(sessionStore);
  const traceId = routeParam(useRouter().params, 'id');
  const trace = useTrace();
  const { open } = trace;
  const [values, setValues] = useState<TraceFormValues>(() => ({ idNumber: '', note: '', ...renameDays(defaultTraceDays(Date.now())) }));
  const allowed = !session.user || holdsAny(session.user.roles, OFFICIAL_ROLES);

  useEffect(() => {
    if (allowed && traceId) void open(traceId);
  }, [allowed, traceId, open]);

  if (!allowed) return <RoleRequired pageId="page-venue-trace" who="卫健工作人员" />;
  return (
    <PageShell id="page-venue-trace" className="page--padded">
      {trace.answer ? (
        <TraceReportView answer={trace.answer} exported={trace.exported} canExport onExport={() => void trace.exportCsv()} onNew={trace.reset} />
      ) : (
        <TraceForm
          values={values}
          errors={trace.errors}
          error={trace.error}
          busy={trace.busy}
          onChange={(patch) => setValues((v) => ({ ...v, ...patch }))}
          onSubmit={() => void trace.create(values)}
        />
      )}
    </PageShell>
  );
}

function renameDays(days: { from: string; until: string }): Pick<TraceFormValues, 'fromDay' | 'untilDay'> {
  return { fromDay: days.from, untilDay: days.until };
}
