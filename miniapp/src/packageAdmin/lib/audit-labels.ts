import type { AuditEntryView } from '../../api/admin-contract';

/** Plain names of the actions the console filters by most; any other action is shown as recorded. */
export const ACTION_LABELS: Readonly<Record<string, string>> = {
  'role.grant': '授予角色',
  'role.revoke': '撤销角色',
  'pharmacy.create': '新增药店',
  'pharmacy.update': '修改药店',
  'pharmacy.delete': '删除药店',
  'mask.pharmacies.import': '导入药店',
  'mask.pharmacies.import-rejected': '导入被拒（有错误行）',
  'mask.round.create': '新建轮次',
  'mask.round.quotas': '设置配额',
};

/** Filter chips: an exact action, or a family by its prefix ending in "." */
export const ACTION_FILTERS: readonly { value: string; label: string }[] = [
  { value: '', label: '全部' },
  { value: 'role.', label: '角色' },
  { value: 'pharmacy.', label: '药店' },
  { value: 'mask.', label: '口罩' },
];

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** The details worth a glance (role and place of a grant, counts of an import), never more than a line. */
export function detailSummary(e: AuditEntryView): string {
  const d = e.details ?? {};
  const text = Object.entries(d)
    .filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v))
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join('，');
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
