import { useCallback, useEffect, useRef, useState } from 'react';
import { healthApi } from '../../../api/health-api';
import { SetRiskAreasRequest, type HealthJob, type RiskLevel } from '../../../api/health-contract';
import { userMessage } from '../../../api/error-messages';

export interface AreaRow {
  district: string;
  level: RiskLevel;
  from: string;
  until: string;
}

export const JOB_POLL_MS = 1000;

const inProgress = (job: HealthJob): boolean => job.status === 'queued' || job.status === 'running';

/** The risk-area editor: replace the set, then follow the re-evaluation job until it is done. */
export function useRiskAreas() {
  const [rows, setRows] = useState<AreaRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [job, setJob] = useState<HealthJob | null>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(async () => {
    try {
      const { areas } = await healthApi.call('riskAreas');
      setRows(areas.map((a) => ({ district: a.district, level: a.level, from: a.from, until: a.until ?? '' })));
    } catch (e) {
      setError(userMessage(e));
    }
  }, []);

  /** Asks for the job every JOB_POLL_MS until it has finished (each answer schedules the next ask). */
  const follow = useCallback((id: string) => {
    async function poll(): Promise<void> {
      try {
        const { job: next } = await healthApi.call('healthJob', { params: { id } });
        setJob(next);
        if (inProgress(next)) timer.current = setTimeout(() => void poll(), JOB_POLL_MS);
      } catch (e) {
        setError(userMessage(e));
      }
    }
    timer.current = setTimeout(() => void poll(), JOB_POLL_MS);
  }, []);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const add = (today: string) => setRows((r) => [...r, { district: '', level: 'medium', from: today, until: '' }]);
  const edit = (index: number, patch: Partial<AreaRow>) => setRows((r) => r.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const remove = (index: number) => setRows((r) => r.filter((_, i) => i !== index));

  const save = async () => {
    const checked = SetRiskAreasRequest.safeParse({ areas: rows.map((r) => ({ ...r, until: r.until.trim() || null })) });
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const at = typeof issue?.path[1] === 'number' ? `第${issue.path[1] + 1}行：` : '';
      setError(`${at}${issue?.message ?? '填写有误'}`);
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const { job: started } = await healthApi.call('setRiskAreas', { body: checked.data });
      setJob(started);
      if (inProgress(started)) follow(started.id);
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return { rows, error, job, busy, load, add, edit, remove, save };
}
