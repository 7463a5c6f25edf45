import { useState } from 'react';
import { adminApi } from '../../api/admin-api';
import type { Pharmacy } from '../../api/admin-contract';
import { userMessage } from '../../api/error-messages';

export type PharmacyDraft = Record<'id' | 'name' | 'address' | 'district' | 'lat' | 'lng' | 'phone' | 'openingHours', string>;

const EMPTY: PharmacyDraft = { id: '', name: '', address: '', district: '', lat: '', lng: '', phone: '', openingHours: '' };

function draftOf(p: Pharmacy): PharmacyDraft {
  return { ...p, lat: String(p.lat), lng: String(p.lng) };
}

/** What is wrong with a draft, in words, or null; the API checks again. */
export function draftProblem(d: PharmacyDraft): string | null {
  const missing = (['name', 'address', 'district', 'phone', 'openingHours'] as const).filter((k) => !d[k].trim());
  if (missing.length) return '请填写名称、地址、区县、电话和营业时间';
  const lat = Number(d.lat);
  const lng = Number(d.lng);
  if (!d.lat.trim() || !Number.isFinite(lat) || lat < -90 || lat > 90) return '纬度应为 -90 到 90 之间的数字';
  if (!d.lng.trim() || !Number.isFinite(lng) || lng < -180 || lng > 180) return '经度应为 -180 到 180 之间的数字';
  if (d.id.trim() && !/^[A-Za-z0-9_-]{1,36}$/.test(d.id.trim())) return '编号只能用字母、数字、_ 或 -';
  return null;
}

/** Add or edit one pharmacy: `editing` is the stored one being changed, null for a new one. */
export function usePharmacyEditor(onSaved: () => void) {
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState<Pharmacy | null>(null);
  const [draft, setDraft] = useState<PharmacyDraft>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = (p: Pharmacy | null) => {
    setEditing(p);
    setDraft(p ? draftOf(p) : EMPTY);
    setError(null);
    setOpen(true);
  };

  const save = async () => {
    const problem = draftProblem(draft);
    if (problem) return setError(problem);
    setBusy(true);
    const input = { name: draft.name, address: draft.address, district: draft.district, lat: Number(draft.lat), lng: Number(draft.lng), phone: draft.phone, openingHours: draft.openingHours };
    try {
      if (editing) await adminApi.call('adminUpdatePharmacy', { params: { id: editing.id }, body: input });
      else await adminApi.call('adminCreatePharmacy', { body: { ...input, id: draft.id.trim() || undefined } });
      setOpen(false);
      onSaved();
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return { open, editing, draft, set: (k: keyof PharmacyDraft, v: string) => setDraft((d) => ({ ...d, [k]: v })), error, busy, start, save, close: () => setOpen(false) };
}
