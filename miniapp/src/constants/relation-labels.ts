import type { FamilyMember, FamilyRelation } from '../api/family-contract';

/** 与本人关系 as the family cards and the 为谁预约 choices say it. */
export const relationLabels: Readonly<Record<FamilyRelation, string>> = {
  spouse: '配偶',
  father: '父亲',
  mother: '母亲',
  // Links added before 父亲 and 母亲 were offered.
  parent: '父母',
  child: '子女',
  grandparent: '祖父母/外祖父母',
  grandchild: '孙子女/外孙子女',
  sibling: '兄弟姐妹',
  other: '其他',
};

/** What the 添加家人 form offers, in this order (父母 only survives on older links). */
export const relationChoices: readonly FamilyRelation[] = ['spouse', 'father', 'mother', 'child', 'grandparent', 'grandchild', 'sibling', 'other'];

/** How one person is told apart from another with the same surname: 李** · 尾号 123X. */
export function personLabel(name: string, idLast4: string | null | undefined): string {
  return idLast4 ? `${name} · 尾号 ${idLast4}` : name;
}

/**
 * A family member in every 为谁 chooser (masks booking, venue check-in, hall appointment):
 * 李**（父亲） · 尾号 123X. One formatter, so two relatives with the same masked name are told
 * apart the same way everywhere.
 */
export function familyMemberLabel(m: Pick<FamilyMember, 'name' | 'relation' | 'idLast4'>): string {
  return personLabel(`${m.name}（${relationLabels[m.relation] ?? m.relation}）`, m.idLast4);
}
