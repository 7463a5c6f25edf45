import { useState } from 'react';
import { healthApi } from '../../../api/health-api';
import type { HealthListType, ImportResponse } from '../../../api/health-contract';
import { useCsvUpload } from '../../../lib/use-csv-upload';

/** 'tests' imports nucleic-acid results; anything else is an official list. */
export type ImportTarget = HealthListType | 'tests';

/** One CSV import (pasted or chosen): all rows or none; bad rows come back by line. */
export function useCsvImport() {
  const [target, setTarget] = useState<ImportTarget>('close_contact');
  const upload = useCsvUpload<ImportResponse>();

  const submit = async () => {
    await upload.submit((csv) =>
      target === 'tests' ? healthApi.call('importTestResults', { body: { csv } }) : healthApi.call('importHealthList', { body: { list: target, csv } }),
    );
  };

  return { target, setTarget, csv: upload.csv, setCsv: upload.setCsv, busy: upload.busy, done: upload.done, failure: upload.failure, choose: upload.choose, submit };
}
