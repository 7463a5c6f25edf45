import { useState } from 'react';
import { adminApi } from '../../api/admin-api';
import type { ImportPharmaciesResponse } from '../../api/admin-contract';
import { platform } from '../../platform/platform';
import { importFailure, type ImportFailure } from '../../lib/import-failure';
import { describeRowError } from '../lib/row-errors';
import { useSteps } from './use-steps';

export const IMPORT_STEPS = ['读取文件', '检查每一行', '写入药店', '完成'] as const;

/** Data rows of a CSV (the header and empty lines not counted): what the progress says it processes. */
export function csvDataRows(csv: string): number {
  return Math.max(0, csv.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1);
}

/** The pharmacy CSV import: pasted or chosen, all rows or none, bad rows shown by line in Chinese. */
export function usePharmacyImport(onImported: () => void) {
  const [csv, setCsv] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ImportPharmaciesResponse | null>(null);
  const [failure, setFailure] = useState<ImportFailure | null>(null);
  const steps = useSteps(IMPORT_STEPS);
  const rows = csvDataRows(csv);

  const choose = async () => {
    const text = await platform.pickTextFile();
    if (text !== null) setCsv(text);
  };

  const submit = async () => {
    if (!csv.trim() || busy) return;
    setBusy(true);
    setDone(null);
    setFailure(null);
    steps.start();
    steps.next();
    try {
      const result = await adminApi.call('adminImportPharmacies', { body: { csv } });
      steps.next();
      setDone(result);
      steps.finish();
      onImported();
    } catch (e) {
      steps.fail();
      setFailure(importFailure(e, describeRowError));
    } finally {
      setBusy(false);
    }
  };

  return { csv, setCsv, rows, busy, done, failure, progress: steps.progress, choose, submit };
}
