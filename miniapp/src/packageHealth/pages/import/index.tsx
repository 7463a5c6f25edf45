import { PageShell } from '../../../components/page-shell';
import { useStore } from '../../../hooks/use-store';
import { sessionStore } from '../../../store/session';
import { RoleRequired } from '../../../components/role-required';
import { isOfficial } from '../../lib/roles';
import { CsvImportCard } from './csv-import-card';
import { RiskAreasCard } from './risk-areas-card';
import './index.scss';

export default function HealthImportPage() {
  const session = useStore(sessionStore);
  if (session.user && !isOfficial(session.user.roles)) return <RoleRequired pageId="page-health-import" who="卫健工作人员" />;
  return (
    <PageShell id="page-health-import" className="page--padded">
      <CsvImportCard />
      <RiskAreasCard />
    </PageShell>
  );
}
