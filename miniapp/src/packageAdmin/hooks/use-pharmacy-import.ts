import { adminApi } from '../../api/admin-api';
import type { ImportPharmaciesResponse } from '../../api/admin-contract';
import { useCsvUpload } from '../../lib/use-csv-upload';
import { describeRowError } from '../lib/row-errors';
import { useSteps } from './use-steps';

export const IMPORT_STEPS = ['读取文件', '检查每一行', '写入药店', '完成'] as const;

/** Data rows of a CSV (the header and empty lines not counted): what the progress says it processes. */
export function csvDataRows(csv: string): number {
  return Math.max(0, csv.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1);
}

/** The pharmacy CSV import: pasted or chosen, all rows or none, bad rows shown by line in Chinese. */
export function usePharmacyImport(onImported: () => void) {
  const steps = useSteps(IMPORT_STEPS);
  const upload = useCsvUpload<ImportPharmaciesResponse>({
    describe: describeRowError,
    onStart: () => {
      steps.start();
      steps.next();
    },
    onFailed: () => steps.fail(),
  });

  const submit = async () => {
    const result = await upload.submit(async (csv) => {
      const answer = await adminApi.call('adminImportPharmacies', { body: { csv } });
      steps.next();
      return answer;
    });
    if (result === null) return;
    steps.finish();
    onImported();
  };

  const { csv, setCsv, busy, done, failure, choose } = upload;
  return { csv, setCsv, rows: csvDataRows(csv), busy, done, failure, progress: steps.progress, choose, submit };
}
