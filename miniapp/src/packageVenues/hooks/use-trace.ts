import { useCallback, useState } from 'react';
import { isApiError } from '../../api/api-error';
import { userMessage } from '../../api/error-messages';
import { tracingApi } from '../../api/venue-api';
import { CreateTraceRequest, type TraceResponse } from '../../api/venue-contract';
import { platform } from '../../platform/platform';
import { serverFieldErrors, type FieldErrorsOf } from '../../utils/field-errors';
import { traceWindow } from '../lib/trace-window';

export type TraceField = 'idNumber' | 'from' | 'until' | 'note';
export interface TraceFormValues {
  idNumber: string;
  /** China days, YYYY-MM-DD. */
  fromDay: string;
  untilDay: string;
  note: string;
}

const FIELDS: readonly TraceField[] = ['idNumber', 'from', 'until', 'note'];

/** 流调: mark a case and read the report; re-open one by id; export it as CSV. */
export function useTrace() {
  const [answer, setAnswer] = useState<TraceResponse | null>(null);
  const [errors, setErrors] = useState<FieldErrorsOf<TraceField>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [exported, setExported] = useState<string | null>(null);

  const fail = (e: unknown) => {
    const fieldErrors = isApiError(e) && e.code === 'VALIDATION_FAILED' ? serverFieldErrors(FIELDS, e) : {};
    setErrors(fieldErrors);
    setError(Object.keys(fieldErrors).length > 0 ? null : userMessage(e));
  };

  const create = async (values: TraceFormValues) => {
    const span = traceWindow(values.fromDay, values.untilDay);
    const checked = CreateTraceRequest.safeParse({ idNumber: values.idNumber, ...span, note: values.note.trim() || undefined });
    if (!checked.success) {
      const fieldErrors: FieldErrorsOf<TraceField> = {};
      for (const issue of checked.error.issues) fieldErrors[issue.path[0] as TraceField] ??= issue.message;
      setErrors(fieldErrors);
      return;
    }
    setErrors({});
    setError(null);
    setExported(null);
    setBusy(true);
    try {
      setAnswer(await tracingApi.call('createTrace', { body: checked.data }));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const open = useCallback(async (id: string) => {
    setBusy(true);
    try {
      setAnswer(await tracingApi.call('getTrace', { params: { id } }));
      setError(null);
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setBusy(false);
    }
  }, []);

  const exportCsv = async () => {
    if (!answer) return;
    try {
      const csv = await tracingApi.call('exportTrace', { params: { id: answer.trace.id } });
      const saved = await platform.saveTextFile(`流调报告-${answer.trace.id}.csv`, csv);
      setExported(saved === 'saved' ? '已下载CSV文件' : saved === 'copied' ? '已复制CSV内容，可粘贴发送' : '导出失败，请稍后再试');
    } catch (e) {
      setExported(userMessage(e));
    }
  };

  const reset = () => {
    setAnswer(null);
    setExported(null);
    setError(null);
  };

  return { answer, errors, error, busy, exported, create, open, exportCsv, reset };
}
