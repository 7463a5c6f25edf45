import { useState } from 'react';
import { healthApi } from '../../../api/health-api';
import { DeclarationRequest, type DeclarationResponse, type Symptom } from '../../../api/health-contract';
import { userMessage } from '../../../api/error-messages';
import { chinaDateOf } from '../../../utils/china-time';

export interface TravelRow {
  district: string;
  date: string;
}

/** 健康申报: today's symptoms and the districts passed through in the last 14 days. */
export function useDeclaration(personId: string | undefined, today: () => string = () => chinaDateOf(Date.now())) {
  const [symptoms, setSymptoms] = useState<Symptom[]>([]);
  const [travel, setTravel] = useState<TravelRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<DeclarationResponse | null>(null);

  const toggle = (s: Symptom) => setSymptoms((list) => (list.includes(s) ? list.filter((x) => x !== s) : [...list, s]));
  const addTravel = () => setTravel((rows) => [...rows, { district: '', date: today() }]);
  const editTravel = (index: number, patch: Partial<TravelRow>) =>
    setTravel((rows) => rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const removeTravel = (index: number) => setTravel((rows) => rows.filter((_, i) => i !== index));

  const submit = async () => {
    const checked = DeclarationRequest.safeParse({ personId, symptoms, travel });
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const row = issue?.path[0] === 'travel' && typeof issue.path[1] === 'number' ? `第${issue.path[1] + 1}条行程：` : '';
      setError(`${row}${issue?.message ?? '填写的信息有误'}`);
      return;
    }
    setError(null);
    setBusy(true);
    try {
      setResult(await healthApi.call('declare', { body: checked.data }));
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return { symptoms, travel, error, busy, result, toggle, addTravel, editTravel, removeTravel, submit };
}
