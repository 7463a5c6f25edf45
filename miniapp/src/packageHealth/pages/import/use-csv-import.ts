import { useState } from 'react';
import { healthApi } from '../../../api/health-api';
import type { HealthListType, ImportResponse } from '../../../api/health-contract';
import { platform } from '../../../platform/platform';
import { importFailure, type ImportFailure } from '../../../lib/import-failure';

/** 'tests' imports nucleic-acid results; anything else is an official list. */
export type ImportTarget = HealthListType | 'tests';

/** One CSV import (pasted or chosen): all rows or none; bad rows come back by line. */
export function useCsvImport() {
  const [target, setTarget] = useState<ImportTarget>('close_contact');
  const [csv, setCsv] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ImportResponse | null>(null);
  const [failure, setFailure] = useState<ImportFailure | null>(null);

  const choose = async () => {
    const text = await platform.pickTextFile();
    if (text !== null) setCsv(text);
  };

  const submit = async () => {
    if (!csv.trim() || busy) return;
    setBusy(true);
    setDone(null);
    setFailure(null);
    try {
      setDone(
        target === 'tests'
          ? await healthApi.call('importTestResults', { body: { csv } })
          : await healthApi.call('importHealthList', { body: { list: target, csv } }),
      );
    } catch (e) {
      setFailure(importFailure(e));
    } finally {
      setBusy(false);
    }
  };

  return { target, setTarget, csv, setCsv, busy, done, failure, choose, submit };
}
