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

  const poll = useCallback(async (id: string) => {
    try {
      const { job: next } = await healthApi.call('healthJob', { params: { id } });
      setJob(next);
      if (next.status === 'queued' || next.status === 'running') timer.current = setTimeout(() => void poll(id), JOB_POLL_MS);
    } catch (e) {
      setError(userMessage(e));
    }
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
      if (started.status === 'queued' || started.status === 'running') timer.current = setTimeout(() => void poll(started.id), JOB_POLL_MS);
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return { rows, error, job, busy, load, add, edit, remove, save };
}
